using Qianfan.Samples.Console.Cli;

namespace Qianfan.Samples.Console.Commands.Chat;

/// <summary>What <c>chat</c>'s command line asked for.</summary>
internal sealed class ChatOptions
{
    public static readonly string[] Flags = ["--stream", "--verbose"];

    public static readonly string[] Valued =
        ["--api", "--model", "--endpoint", "--system", "--temperature", "--top-p", "--penalty-score", "--max-output-tokens", "--stop", "--user-id"];

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

    /// <summary>The one-shot message; null starts a conversation read from stdin.</summary>
    public string? Message { get; private init; }

    public static ChatOptions From(CliArguments arguments)
    {
        if (arguments.Positional.Count > 1)
        {
            throw new CliUsageException("expected at most one MESSAGE; quote a message that has spaces");
        }

        var options = new ChatOptions
        {
            Api = arguments.Choice("--api", "v1", "v1", "v2"),
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
            Message = arguments.Positional.Count == 1 ? arguments.Positional[0] : null,
        };

        return options is { Api: "v2", Endpoint: not null }
            ? throw new CliUsageException("--endpoint is a V1 custom service path; it does not apply with --api v2")
            : options;
    }
}
