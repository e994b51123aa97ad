using System.Text.Json.Serialization;

namespace Qianfan.Sdk.Chat;

/// <summary>One turn of a conversation.</summary>
/// <param name="Role">Who said it.</param>
/// <param name="Content">What was said; must not be empty.</param>
public sealed record ChatMessage(
    [property: JsonPropertyName("role")] ChatRole Role,
    [property: JsonPropertyName("content")] string Content)
{
    /// <summary>A message from the end user.</summary>
    public static ChatMessage User(string content) => new(ChatRole.User, content);

    /// <summary>An earlier reply of the model, to give it the conversation so far.</summary>
    public static ChatMessage Assistant(string content) => new(ChatRole.Assistant, content);
}
