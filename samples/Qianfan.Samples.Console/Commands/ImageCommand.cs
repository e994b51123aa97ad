using Qianfan.Samples.Console.Cli;
using Qianfan.Samples.Console.Commands.DashScope;
using Qianfan.Samples.Console.Commands.Zhipu;
using Qianfan.Sdk.Images;
using Qianfan.Sdk.Models;

namespace Qianfan.Samples.Console.Commands;

/// <summary>
/// <c>image</c>: pictures from a prompt. V1 writes the PNG files and prints each path; V2 prints each image's URL.
/// </summary>
internal sealed class ImageCommand : ICliCommand
{
    private const string DefaultFile = "image.png";
    private const string V1Model = "sd_xl";

    public string Name => "image";

    public string Summary => "draw a prompt: PNG files (V1) or image URLs (V2)";

    public IReadOnlyCollection<string> Flags { get; } = ["--verbose", "--jwt"];

    public IReadOnlyCollection<string> Options { get; } =
        [.. new[] { "--api", "--model", "--size", "--n", "--out", PlatformOption.Name }.Union(DashScopeImages.RequestOptions).Union(DashScopeImages.WaitOptions).Union(ZhipuImages.Options)];

    /// <summary>The options only DashScope's or Zhipu's images take.</summary>
    private static readonly string[] OthersOnly = ["--style", "--seed", "--negative-prompt", "--jwt", .. DashScopeImages.WaitOptions, .. ZhipuImages.Options];

    public string Usage => $"""
        usage: {CommandName.Tool} image [--platform qianfan|zhipu|dashscope] [--api v1|v2] [--model NAME] [--size WxH] [--n N] [--out FILE] PROMPT

        V1 writes the image to FILE (default image.png; with several, name-1.png, name-2.png ...) and prints each
        path; V2 prints each image's URL.

        options:
          --platform qianfan|zhipu|dashscope
                                  Baidu Qianfan (default), Zhipu AI (CogView) or Alibaba DashScope (Wanx; see
                                  below): prints the URLs
          --api v1|v2             V1 text2image (Stable Diffusion XL, default) or V2's /v2/images/generations
          --model NAME            v1: sd_xl (default) or a custom service's path; v2: irag-1.0 (default) ...
          --size WxH              v1: 768x768, 768x1024, 1024x768, 576x1024, 1024x576, 1024x1024 (default)
          --n N                   how many images, [1, 4]
          --out FILE              where V1 writes the image (default image.png)
          --verbose               log HTTP activity to stderr (secrets redacted)
          -h, --help              this text

        {ZhipuImages.Usage}

        {DashScopeImages.Usage}

        {CliHelp.Environment}

        {ZhipuSession.Environment}

        {DashScopeSession.Environment}
        """;

    public async Task<int> RunAsync(CliArguments arguments, CliConsole console, CancellationToken cancellationToken)
    {
        switch (PlatformOption.From(arguments))
        {
            case PlatformOption.DashScope:
                return await DashScopeImages.GenerateAsync(arguments, console, cancellationToken).ConfigureAwait(false);
            case PlatformOption.Zhipu:
                return await ZhipuImages.GenerateAsync(arguments, console, cancellationToken).ConfigureAwait(false);
        }

        PlatformOption.Reject(arguments, PlatformOption.Qianfan, OthersOnly);
        if (arguments.Positional.Count != 1)
        {
            throw new CliUsageException("expected one PROMPT; quote a prompt that has spaces");
        }

        var api = arguments.Choice("--api", "v1", "v1", "v2");
        var prompt = arguments.Positional[0];
        var model = arguments.String("--model");
        if (api == "v2")
        {
            if (arguments.String("--out") is not null)
            {
                throw new CliUsageException("--out applies to --api v1; V2 answers with URLs");
            }

            var v2Request = new ImageGenerationRequest(prompt, model ?? ImageGenerationRequest.DefaultModel) { Size = arguments.String("--size"), N = arguments.Int("--n") };
            await using var v2Session = await QianfanSession.OpenAsync(api, arguments.Flag("--verbose"), null, console, cancellationToken).ConfigureAwait(false);
            var generated = await v2Session.Client.ImagesV2.GenerateAsync(v2Request, cancellationToken).ConfigureAwait(false);
            if (v2Session.IsEmulated)
            {
                await console.Error.WriteLineAsync("notice: the URLs point at the in-process emulator, which stops when this command ends").ConfigureAwait(false);
            }

            foreach (var image in generated.Images)
            {
                await console.Out.WriteLineAsync(image.Url).ConfigureAwait(false);
            }

            return ExitCodes.Success;
        }

        var custom = model is not null && !string.Equals(model, V1Model, StringComparison.OrdinalIgnoreCase) ? model : null;
        var request = custom is null ? new Text2ImageRequest(prompt) : new Text2ImageRequest(ModelSpec.ForCustomEndpoint(custom), prompt);
        request.Size = arguments.String("--size");
        request.N = arguments.Int("--n");
        await using var session = await QianfanSession.OpenAsync(api, arguments.Flag("--verbose"), custom, console, cancellationToken).ConfigureAwait(false);
        var reply = await session.Client.Images.GenerateAsync(request, cancellationToken).ConfigureAwait(false);
        var paths = Paths(arguments.String("--out") ?? DefaultFile, reply.Images.Count);
        for (var i = 0; i < reply.Images.Count; i++)
        {
            await File.WriteAllBytesAsync(paths[i], reply.Images[i].Data ?? [], cancellationToken).ConfigureAwait(false);
            await console.Out.WriteLineAsync(paths[i]).ConfigureAwait(false);
        }

        return ExitCodes.Success;
    }

    /// <summary><paramref name="file"/> itself for one image; <c>name-1.png</c>, <c>name-2.png</c> … beside it for several.</summary>
    private static string[] Paths(string file, int count)
    {
        if (count == 1)
        {
            return [file];
        }

        var directory = Path.GetDirectoryName(file) ?? "";
        var name = Path.GetFileNameWithoutExtension(file);
        var extension = Path.GetExtension(file);
        return [.. Enumerable.Range(1, count).Select(i => Path.Combine(directory, $"{name}-{i}{extension}"))];
    }
}
