using System.Globalization;
using EOffice.ServiceDefaults.Text;
using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace EOffice.Correspondence.Documents;

/// <summary>A piece of text in one style.</summary>
public sealed record Run(string Text, bool Bold = false, bool Italic = false);

/// <summary>
/// The page being written: a cursor that moves down, starts a new A4 page when the next thing does
/// not fit, and marks every page (DRAF watermark, security mark, page number from page two).
/// </summary>
internal sealed class Sheet(PdfDocument doc, LetterPaper paper)
{
    public const double PageWidth = 595.28;
    public const double PageHeight = 841.89;
    public const double Left = 85;
    public const double Right = PageWidth - 57;
    public const double Width = Right - Left;
    public const double Top = 50;
    public const double Bottom = PageHeight - 65;
    public const double BodySize = 11.5;
    public const double LineHeight = BodySize * 1.4;

    private readonly Dictionary<(double, bool, bool, bool), XFont> _fonts = [];
    private XGraphics? _g;
    private int _page;

    public XGraphics G => _g ?? throw new InvalidOperationException("No page yet.");

    public double Y { get; set; }

    public XFont Font(double size, bool bold = false, bool italic = false, bool sans = false)
    {
        var key = (size, bold, italic, sans);
        if (!_fonts.TryGetValue(key, out var font))
        {
            var style = (bold, italic) switch
            {
                (true, true) => XFontStyleEx.BoldItalic,
                (true, false) => XFontStyleEx.Bold,
                (false, true) => XFontStyleEx.Italic,
                _ => XFontStyleEx.Regular,
            };
            font = _fonts[key] = new XFont(sans ? DejaVuFonts.Sans : DejaVuFonts.Serif, size, style);
        }

        return font;
    }

    public XImage Image(byte[] png) => XImage.FromStream(new MemoryStream(png, writable: false));

    public void NewPage()
    {
        _g?.Dispose();
        var page = doc.AddPage();
        page.Size = PageSize.A4;
        _g = XGraphics.FromPdfPage(page);
        _page++;
        Y = Top;
        Decorate();
        if (_page > 1)
        {
            Y = Top + 28;
        }
    }

    public void Finish()
    {
        _g?.Dispose();
        _g = null;
    }

    /// <summary>Starts a new page unless <paramref name="height"/> still fits on this one.</summary>
    public void Need(double height)
    {
        if (Y + height > Bottom)
        {
            NewPage();
        }
    }

    public void Gap(double height) => Y += height;

    public void Line(string text, XFont font, double x)
    {
        Need(LineHeight);
        G.DrawString(text, font, XBrushes.Black, x, Y, XStringFormats.TopLeft);
        Y += font.Size * 1.4;
    }

    public void Centered(string text, XFont font, double x, double width)
    {
        Need(font.Size * 1.3);
        G.DrawString(text, font, XBrushes.Black, new XRect(x, Y, width, font.Size * 1.3), XStringFormats.TopCenter);
        Y += font.Size * 1.3;
    }

    /// <summary>Writes styled runs word-wrapped into a column; a "\n" in a run breaks the line.</summary>
    public void Flow(IReadOnlyList<Run> runs, double x, double width, double size = BodySize, bool centered = false, double firstIndent = 0)
    {
        var line = new List<(string Text, XFont Font, double Width)>();
        var lineWidth = 0.0;
        var pendingSpace = false;
        var lineHeight = size * 1.4;
        var first = true;

        void Emit()
        {
            Need(lineHeight);
            var indent = first ? firstIndent : 0;
            var cursor = centered ? x + ((width - lineWidth) / 2) : x + indent;
            foreach (var (text, font, w) in line)
            {
                G.DrawString(text, font, XBrushes.Black, cursor, Y, XStringFormats.TopLeft);
                cursor += w;
            }

            Y += lineHeight;
            line.Clear();
            lineWidth = 0;
            pendingSpace = false;
            first = false;
        }

        foreach (var run in runs)
        {
            var font = Font(size, run.Bold, run.Italic);
            var space = G.MeasureString(" ", font).Width;
            var parts = run.Text.Replace("\r", "", StringComparison.Ordinal).Split('\n');
            for (var p = 0; p < parts.Length; p++)
            {
                if (p > 0)
                {
                    Emit();
                }

                var text = parts[p];
                var start = 0;
                while (start < text.Length)
                {
                    if (text[start] == ' ')
                    {
                        pendingSpace = line.Count > 0;
                        start++;
                        continue;
                    }

                    var end = text.IndexOf(' ', start);
                    var word = end < 0 ? text[start..] : text[start..end];
                    start = end < 0 ? text.Length : end;
                    var w = G.MeasureString(word, font).Width;
                    var available = width - (first ? firstIndent : 0);
                    if (line.Count > 0 && lineWidth + (pendingSpace ? space : 0) + w > available)
                    {
                        Emit();
                    }

                    if (pendingSpace && line.Count > 0)
                    {
                        line.Add((" ", font, space));
                        lineWidth += space;
                    }

                    line.Add((word, font, w));
                    lineWidth += w;
                    pendingSpace = false;
                }
            }
        }

        if (line.Count > 0 || first)
        {
            Emit();
        }
    }

    private void Decorate()
    {
        var g = G;
        if (paper.Draft)
        {
            var state = g.Save();
            g.RotateAtTransform(-50, new XPoint(PageWidth / 2, PageHeight / 2));
            g.DrawString("DRAF", Font(150, bold: true, sans: true), new XSolidBrush(XColor.FromArgb(55, 200, 30, 30)),
                new XRect(0, (PageHeight / 2) - 100, PageWidth, 200), XStringFormats.Center);
            g.Restore(state);
            g.DrawString("DRAF — bukan naskah dinas yang sah", Font(8, sans: true), new XSolidBrush(XColor.FromArgb(200, 0, 0)),
                new XRect(0, PageHeight - 20, PageWidth, 10), XStringFormats.TopCenter);
        }

        if (paper.Security is not ("Biasa" or ""))
        {
            var mark = Indonesian.Security(paper.Security).ToUpperInvariant();
            var font = Font(12, bold: true, sans: true);
            var red = new XSolidBrush(XColor.FromArgb(200, 0, 0));
            g.DrawString(mark, font, red, new XRect(0, 20, PageWidth, 16), XStringFormats.TopCenter);
            g.DrawString(mark, font, red, new XRect(0, PageHeight - 34, PageWidth, 16), XStringFormats.TopCenter);
        }

        if (_page > 1)
        {
            g.DrawString(string.Create(CultureInfo.InvariantCulture, $"- {_page} -"), Font(10), XBrushes.Black,
                new XRect(0, Top, PageWidth, 14), XStringFormats.TopCenter);
        }
    }
}
