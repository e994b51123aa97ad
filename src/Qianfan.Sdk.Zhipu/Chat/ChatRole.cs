using System.Text.Json.Serialization;

namespace Qianfan.Sdk.Zhipu.Chat;

/// <summary>Who said a message: the persona (<c>system</c>), the end user, the model, or a tool's result.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ChatRole>))]
public enum ChatRole
{
    /// <summary>The end user.</summary>
    [JsonStringEnumMemberName("user")]
    User,

    /// <summary>The model's reply: text, or the tools it asks to call.</summary>
    [JsonStringEnumMemberName("assistant")]
    Assistant,

    /// <summary>The persona or instructions.</summary>
    [JsonStringEnumMemberName("system")]
    System,

    /// <summary>A tool's result, answering an assistant's tool call.</summary>
    [JsonStringEnumMemberName("tool")]
    Tool,
}
