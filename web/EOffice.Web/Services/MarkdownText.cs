using Markdig;
using Markdig.Renderers;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace EOffice.Web.Services;

/// <summary>A letter's body from Markdown: raw HTML is escaped, only http, https and mailto links are kept.</summary>
public static class MarkdownText
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .DisableHtml()
        .UsePipeTables()
        .UseSoftlineBreakAsHardlineBreak()
        .Build();

    /// <summary>Whether a link's URL is one we keep.</summary>
    public static bool IsSafeUrl(string? url) =>
        url is not null && Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeMailto);

    /// <summary>The HTML of a Markdown text.</summary>
    public static string ToHtml(string? markdown)
    {
        var document = Markdig.Markdown.Parse(markdown ?? "", Pipeline);
        foreach (var link in document.Descendants<LinkInline>().ToList())
        {
            if (IsSafeUrl(link.Url))
            {
                continue;
            }

            // Keep the text, drop the link (an image becomes its alt text).
            var children = new List<Inline>();
            for (var child = link.FirstChild; child is not null; child = child.NextSibling)
            {
                children.Add(child);
            }

            foreach (var child in children)
            {
                child.Remove();
                link.InsertBefore(child);
            }

            link.Remove();
        }

        foreach (var auto in document.Descendants<AutolinkInline>().ToList())
        {
            if (!IsSafeUrl(auto.IsEmail ? "mailto:" + auto.Url : auto.Url))
            {
                auto.ReplaceBy(new LiteralInline(auto.Url));
            }
        }

        using var writer = new StringWriter();
        var renderer = new HtmlRenderer(writer);
        Pipeline.Setup(renderer);
        renderer.Render(document);
        writer.Flush();
        return writer.ToString();
    }
}
