using System.Text.Json.Serialization;

namespace Qianfan.Sdk.DashScope.Generation;

/// <summary>Who speaks in a message (<c>role</c>).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<GenerationRole>))]
public enum GenerationRole
{
    /// <summary><c>system</c>: the persona and instructions; only as the first message.</summary>
    [JsonStringEnumMemberName("system")]
    System,

    /// <summary><c>user</c>: what the model answers.</summary>
    [JsonStringEnumMemberName("user")]
    User,

    /// <summary><c>assistant</c>: the model's earlier answers (and the tool calls it made).</summary>
    [JsonStringEnumMemberName("assistant")]
    Assistant,

    /// <summary><c>tool</c>: a tool's result, answering one of the assistant's tool calls (<c>tool_call_id</c>).</summary>
    [JsonStringEnumMemberName("tool")]
    Tool,
}
