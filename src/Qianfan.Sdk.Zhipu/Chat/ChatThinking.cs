using System.Text.Json.Serialization;

namespace Qianfan.Sdk.Zhipu.Chat;

/// <summary>
/// The thinking switch of GLM-4.5 and later (<c>thinking</c>): <see cref="Enabled"/> (the service's default on those
/// models) makes the model reason first, its reasoning in <c>reasoning_content</c>; <see cref="Disabled"/> answers at once.
/// </summary>
public sealed record ChatThinking
{
    /// <summary>Think before answering.</summary>
    public static ChatThinking Enabled { get; } = new() { Type = "enabled" };

    /// <summary>Answer without thinking.</summary>
    public static ChatThinking Disabled { get; } = new() { Type = "disabled" };

    /// <summary><c>enabled</c> or <c>disabled</c>.</summary>
    [JsonPropertyName("type")]
    public string Type { get; init; } = "enabled";

    /// <summary>Whether earlier turns' reasoning is dropped from the context (<c>clear_thinking</c>); null leaves it to the service.</summary>
    [JsonPropertyName("clear_thinking")]
    public bool? ClearThinking { get; init; }
}
