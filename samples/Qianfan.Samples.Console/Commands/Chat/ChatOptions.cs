using Qianfan.Samples.Console.Cli;

namespace Qianfan.Samples.Console.Commands.Chat;

/// <summary>What <c>chat</c>'s command line asked for.</summary>
internal sealed class ChatOptions
{
    public static readonly string[] Flags = ["--stream", "--verbose", "--web-search", "--json"];

    public static readonly string[] Valued =
        ["--api", "--model", "--endpoint", "--system", "--temperature", "--top-p", "--penalty-score", "--max-output-tokens", "--stop", "--user-id", "--image"];

    /// <summary>The V2 model <c>--image</c> uses unless <c>--model</c> names another.</summary>
    public const string VisionModel = "ernie-4.5-turbo-vl";

    /// <summary>Which API: v1 (wenxinworkshop chat) or v2 (OpenAI-compatible chat completions).</summary>
    public string Api { get; private init; } = "v1";

    /// <summary>The model; null uses the API's default (ERNIE-Lite-8K, spelled ernie-lite-8k on V2).</summary>
    public string? Model { get; private init; }

    public string? Endpoint { get; private init; }

    public bool Stream { get; private init; }

    public bool Verbose { get; private init; }

    public string? System { get; private init; }

    public float? Temperature { get; private init; }

    public float? TopP { get; private init; }

    public float? PenaltyScore { get; private init; }

    public int? MaxOutputTokens { get; private init; }

    public IReadOnlyList<string> Stop { get; private init; } = [];

    public string? UserId { get; private init; }

    /// <summary>Whether V2 may search the web (<c>web_search</c>); the sources are listed on stderr.</summary>
    public bool WebSearch { get; private init; }

    /// <summary>Whether the reply is asked for as a JSON object (<c>response_format: json_object</c>).</summary>
    public bool Json { get; private init; }

    /// <summary>Images for the first message: local files (sent inline) or http(s) URLs; they make the call V2.</summary>
    public IReadOnlyList<string> Images { get; private init; } = [];

    /// <summary>The one-shot message; null starts a conversation read from stdin.</summary>
    public string? Message { get; private init; }

    public static ChatOptions From(CliArguments arguments)
    {
        if (arguments.Positional.Count > 1)
        {
            throw new CliUsageException("expected at most one MESSAGE; quote a message that has spaces");
        }

        var images = arguments.All("--image");
        var webSearch = arguments.Flag("--web-search");
        var v2Only = images.Count > 0 ? "--image" : webSearch ? "--web-search" : null;
        if (v2Only is not null && arguments.String("--api") == "v1")
        {
            throw new CliUsageException($"{v2Only} is a V2 feature; it does not apply with --api v1");
        }

        var options = new ChatOptions
        {
            Api = v2Only is not null ? "v2" : arguments.Choice("--api", "v1", "v1", "v2"),
            Model = arguments.String("--model"),
            Endpoint = arguments.String("--endpoint"),
            Stream = arguments.Flag("--stream"),
            Verbose = arguments.Flag("--verbose"),
            System = arguments.String("--system"),
            Temperature = arguments.Float("--temperature"),
            TopP = arguments.Float("--top-p"),
            PenaltyScore = arguments.Float("--penalty-score"),
            MaxOutputTokens = arguments.Int("--max-output-tokens"),
            Stop = arguments.All("--stop"),
            UserId = arguments.String("--user-id"),
            WebSearch = webSearch,
            Json = arguments.Flag("--json"),
            Images = images,
            Message = arguments.Positional.Count == 1 ? arguments.Positional[0] : null,
        };

        return options is { Api: "v2", Endpoint: not null }
            ? throw new CliUsageException("--endpoint is a V1 custom service path; it does not apply with --api v2")
            : options;
    }
}
