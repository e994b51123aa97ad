namespace Qianfan.Sdk.DashScope.Images;

/// <summary>The styles <c>wanx-v1</c> draws in (<c>parameters.style</c>), angle brackets included.</summary>
public static class ImageStyles
{
    /// <summary><c>&lt;auto&gt;</c>: the model chooses (the default).</summary>
    public const string Auto = "<auto>";

    /// <summary><c>&lt;photography&gt;</c>.</summary>
    public const string Photography = "<photography>";

    /// <summary><c>&lt;portrait&gt;</c>.</summary>
    public const string Portrait = "<portrait>";

    /// <summary><c>&lt;3d cartoon&gt;</c>.</summary>
    public const string Cartoon3D = "<3d cartoon>";

    /// <summary><c>&lt;anime&gt;</c>.</summary>
    public const string Anime = "<anime>";

    /// <summary><c>&lt;oil painting&gt;</c>.</summary>
    public const string OilPainting = "<oil painting>";

    /// <summary><c>&lt;watercolor&gt;</c>.</summary>
    public const string Watercolor = "<watercolor>";

    /// <summary><c>&lt;sketch&gt;</c>.</summary>
    public const string Sketch = "<sketch>";

    /// <summary><c>&lt;chinese painting&gt;</c>.</summary>
    public const string ChinesePainting = "<chinese painting>";

    /// <summary><c>&lt;flat illustration&gt;</c>.</summary>
    public const string FlatIllustration = "<flat illustration>";

    /// <summary>Every style.</summary>
    public static IReadOnlyList<string> All { get; } =
        [Auto, Photography, Portrait, Cartoon3D, Anime, OilPainting, Watercolor, Sketch, ChinesePainting, FlatIllustration];
}
