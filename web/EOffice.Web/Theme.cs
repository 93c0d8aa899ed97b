using MudBlazor;

namespace EOffice.Web;

/// <summary>The app's theme: a system font stack (no web fonts are downloaded).</summary>
public static class Theme
{
    /// <summary>The font stack.</summary>
    public static readonly string[] Fonts = ["Roboto", "DejaVu Sans", "Arial", "sans-serif"];

    /// <summary>The theme.</summary>
    public static readonly MudTheme Value = new()
    {
        Typography = new Typography { Default = new DefaultTypography { FontFamily = Fonts } },
        PaletteLight = new PaletteLight { Primary = "#1b5e9b", AppbarBackground = "#1b5e9b" },
    };
}
