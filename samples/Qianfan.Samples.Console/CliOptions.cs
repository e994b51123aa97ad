namespace Qianfan.Samples.Console;

/// <summary>What the command line asked for.</summary>
internal sealed class CliOptions
{
    /// <summary>The model; null uses the API's default (ERNIE-Lite-8K, spelled ernie-lite-8k on V2).</summary>
    public string? Model { get; set; }

    /// <summary>Which API: v1 (wenxinworkshop chat) or v2 (OpenAI-compatible chat completions).</summary>
    public string Api { get; set; } = "v1";

    public string? Endpoint { get; set; }

    public bool Stream { get; set; }

    public bool Verbose { get; set; }

    public bool Help { get; set; }

    public string? System { get; set; }

    public float? Temperature { get; set; }

    public float? TopP { get; set; }

    public float? PenaltyScore { get; set; }

    public int? MaxOutputTokens { get; set; }

    public List<string> Stop { get; } = [];

    public string? UserId { get; set; }

    /// <summary>The one-shot message; null starts a conversation read from stdin.</summary>
    public string? Message { get; set; }
}
