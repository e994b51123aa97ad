namespace Qianfan.Samples.Console.Cli;

/// <summary>
/// <c>--platform</c>: which service a command talks to (<c>qianfan</c>, the default, <c>zhipu</c> or <c>dashscope</c>). Each platform
/// has its own file per command; an option of one platform given with another is a usage error, not ignored.
/// </summary>
internal static class PlatformOption
{
    public const string Name = "--platform";

    public const string Qianfan = "qianfan";

    public const string DashScope = "dashscope";

    public const string Zhipu = "zhipu";

    /// <summary>The platform asked for; <paramref name="fallback"/> when none is named.</summary>
    public static string From(CliArguments arguments, string fallback = Qianfan) =>
        arguments.Choice(Name, fallback, Qianfan, Zhipu, DashScope);

    /// <summary>Throws when one of <paramref name="options"/> (flags or valued) was given: they do not apply to <paramref name="platform"/>.</summary>
    public static void Reject(CliArguments arguments, string platform, IEnumerable<string> options)
    {
        foreach (var option in options)
        {
            if (arguments.Flag(option) || arguments.String(option) is not null)
            {
                throw new CliUsageException($"{option} does not apply to --platform {platform}");
            }
        }
    }
}
