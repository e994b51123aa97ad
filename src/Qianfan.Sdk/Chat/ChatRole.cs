using System.Text.Json.Serialization;

namespace Qianfan.Sdk.Chat;

/// <summary>
/// Who said a message. V1 chat takes <see cref="User"/>, <see cref="Assistant"/> and, with function calling,
/// <see cref="Function"/> (its persona goes in <see cref="ChatRequest.System"/>); V2 chat takes system, user,
/// assistant and tool.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<ChatRole>))]
public enum ChatRole
{
    /// <summary>The end user: the first, every other and the last message.</summary>
    [JsonStringEnumMemberName("user")]
    User,

    /// <summary>The model's earlier reply, between two user messages.</summary>
    [JsonStringEnumMemberName("assistant")]
    Assistant,

    /// <summary>The persona or instructions (V2 only).</summary>
    [JsonStringEnumMemberName("system")]
    System,

    /// <summary>A tool's result, answering an assistant's tool call (V2 only).</summary>
    [JsonStringEnumMemberName("tool")]
    Tool,

    /// <summary>A function's result, answering the assistant's function call (V1 function calling only).</summary>
    [JsonStringEnumMemberName("function")]
    Function,
}
