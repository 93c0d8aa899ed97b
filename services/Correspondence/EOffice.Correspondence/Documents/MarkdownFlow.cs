using System.Globalization;
using Markdig;
using Markdig.Extensions.Tables;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using PdfSharp.Drawing;

namespace EOffice.Correspondence.Documents;

/// <summary>
/// The letter body from Markdown onto the sheet: paragraphs, headings, <b>bold</b>, <i>italic</i>,
/// numbered and bulleted lists (nested), block quotes and simple pipe tables. Raw HTML is written as text.
/// </summary>
internal sealed class MarkdownFlow(Sheet s)
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UsePipeTables().Build();

    public void Render(string markdown)
    {
        foreach (var block in Markdown.Parse(markdown, Pipeline))
        {
            Block(block, 0, null);
        }
    }

    private void Block(Block block, double indent, string? marker)
    {
        var x = Sheet.Left + indent;
        var width = Sheet.Width - indent;
        switch (block)
        {
            case HeadingBlock h:
                s.Flow(Runs(h.Inline, bold: true), x, width);
                s.Gap(4);
                break;
            case ParagraphBlock p:
                if (marker is not null)
                {
                    s.Need(Sheet.LineHeight);
                    s.G.DrawString(marker, s.Font(Sheet.BodySize), XBrushes.Black, x - 18, s.Y, XStringFormats.TopLeft);
                }

                s.Flow(Runs(p.Inline), x, width);
                s.Gap(marker is null && indent == 0 ? 6 : 1);
                break;
            case ListBlock list:
                var n = list.IsOrdered && int.TryParse(list.OrderedStart, NumberStyles.Integer, CultureInfo.InvariantCulture, out var start) ? start : 1;
                foreach (var item in list.OfType<ListItemBlock>())
                {
                    var m = list.IsOrdered ? string.Create(CultureInfo.InvariantCulture, $"{n++}.") : "•";
                    var firstChild = true;
                    foreach (var child in item)
                    {
                        Block(child, indent + 20, firstChild ? m : null);
                        firstChild = false;
                    }
                }

                s.Gap(indent == 0 ? 5 : 0);
                break;
            case Table table:
                TableBlock(table, x, width);
                break;
            case QuoteBlock quote:
                foreach (var child in quote)
                {
                    Block(child, indent + 20, null);
                }

                break;
            case CodeBlock code:
                s.Flow([new Run(string.Join("\n", code.Lines.Lines.Take(code.Lines.Count).Select(l => l.ToString())))], x, width);
                s.Gap(6);
                break;
            case ContainerBlock container:
                foreach (var child in container)
                {
                    Block(child, indent, null);
                }

                break;
            case LeafBlock leaf when leaf.Inline is not null:
                s.Flow(Runs(leaf.Inline), x, width);
                break;
            default:
                break;
        }
    }

    private void TableBlock(Table table, double x, double width)
    {
        var rows = table.OfType<TableRow>().ToList();
        var columns = rows.Count == 0 ? 0 : rows.Max(r => r.Count);
        if (columns == 0)
        {
            return;
        }

        var cellWidth = width / columns;
        const double pad = 3;
        var pen = new XPen(XColors.Black, 0.6);
        foreach (var row in rows)
        {
            var cells = row.OfType<TableCell>().ToList();
            var texts = cells.Select(c => c.OfType<ParagraphBlock>().SelectMany(p => Runs(p.Inline, bold: row.IsHeader)).ToList()).ToList();
            // Measure on a throwaway cursor, then draw the row where it fits.
            var height = texts.Select(t => Measure(t, cellWidth - (2 * pad))).DefaultIfEmpty(Sheet.LineHeight).Max() + (2 * pad);
            s.Need(height);
            var top = s.Y;
            for (var i = 0; i < columns; i++)
            {
                if (i < texts.Count)
                {
                    s.Y = top + pad;
                    s.Flow(texts[i], x + (i * cellWidth) + pad, cellWidth - (2 * pad), size: Sheet.BodySize - 1);
                }

                s.G.DrawRectangle(pen, x + (i * cellWidth), top, cellWidth, height);
            }

            s.Y = top + height;
        }

        s.Gap(8);
    }

    private double Measure(IReadOnlyList<Run> runs, double width)
    {
        var words = string.Concat(runs.Select(r => r.Text)).Split([' ', '\n'], StringSplitOptions.RemoveEmptyEntries);
        var font = s.Font(Sheet.BodySize - 1, bold: true);
        var space = s.G.MeasureString(" ", font).Width;
        var lines = 1;
        var used = 0.0;
        foreach (var w in words.Select(w => s.G.MeasureString(w, font).Width))
        {
            if (used > 0 && used + space + w > width)
            {
                lines++;
                used = 0;
            }

            used += (used > 0 ? space : 0) + w;
        }

        return lines * (Sheet.BodySize - 1) * 1.4;
    }

    private static List<Run> Runs(ContainerInline? inlines, bool bold = false)
    {
        var runs = new List<Run>();
        Collect(inlines, bold, false, runs);
        return runs;
    }

    private static void Collect(ContainerInline? container, bool bold, bool italic, List<Run> runs)
    {
        if (container is null)
        {
            return;
        }

        foreach (var inline in container)
        {
            switch (inline)
            {
                case LiteralInline l:
                    runs.Add(new Run(l.Content.ToString(), bold, italic));
                    break;
                case EmphasisInline e:
                    Collect(e, bold || e.DelimiterCount >= 2, italic || e.DelimiterCount is 1 or 3, runs);
                    break;
                case LineBreakInline br:
                    runs.Add(new Run(br.IsHard ? "\n" : " ", bold, italic));
                    break;
                case CodeInline c:
                    runs.Add(new Run(c.Content, bold, italic));
                    break;
                case AutolinkInline a:
                    runs.Add(new Run(a.Url, bold, italic));
                    break;
                case HtmlInline h:
                    runs.Add(new Run(h.Tag, bold, italic));
                    break;
                case HtmlEntityInline h:
                    runs.Add(new Run(h.Transcoded.ToString(), bold, italic));
                    break;
                case ContainerInline c:
                    Collect(c, bold, italic, runs);
                    break;
                default:
                    break;
            }
        }
    }
}
