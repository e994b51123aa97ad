using Qianfan.Samples.Console.Cli;
using Qianfan.Sdk.Zhipu.Images;

namespace Qianfan.Samples.Console.Commands.Zhipu;

/// <summary><c>image --platform zhipu PROMPT</c>: a CogView picture; prints its URL.</summary>
internal static class ZhipuImages
{
    /// <summary>The valued options only Zhipu's images take.</summary>
    public static readonly string[] Options = ["--quality"];

    /// <summary>The image options of the other platforms, which do not apply here.</summary>
    private static readonly string[] Foreign = ["--api", "--out", "--n", "--style", "--seed", "--negative-prompt", .. PollingArguments.Options];

    public const string Usage = """
        --platform zhipu (CogView):
          --model NAME            default cogview-3-flash (cogview-3, cogview-4 ...)
          --size WxH              default 1024x1024; both sides 512-2048, divisible by 16, at most 2^21 pixels
          --quality hd|standard   cogview-4-250304 only
          --jwt                   send the key as a self-signed JWT
        """;

    public static async Task<int> GenerateAsync(CliArguments arguments, CliConsole console, CancellationToken cancellationToken)
    {
        PlatformOption.Reject(arguments, PlatformOption.Zhipu, Foreign);
        if (arguments.Positional.Count != 1)
        {
            throw new CliUsageException("expected one PROMPT; quote a prompt that has spaces");
        }

        var request = new ImageGenerationRequest(arguments.Positional[0], arguments.String("--model") ?? ImageGenerationRequest.DefaultModel)
        {
            Size = arguments.String("--size"),
            Quality = arguments.String("--quality"),
        };
        await using var session = await ZhipuSession.OpenAsync(arguments, console, cancellationToken).ConfigureAwait(false);
        var response = await session.Client.Images.GenerateAsync(request, cancellationToken).ConfigureAwait(false);
        foreach (var image in response.Images)
        {
            await console.Out.WriteLineAsync(image.Url).ConfigureAwait(false);
        }

        if (session.IsEmulated)
        {
            await console.Error.WriteLineAsync("notice: the URLs point at the in-process emulator, which stops when this command ends").ConfigureAwait(false);
        }

        return ExitCodes.Success;
    }
}
