using System.Text.Json.Serialization;

namespace Qianfan.Sdk.Chat;

/// <summary>Who said a message. V1 chat takes only these two; the persona goes in <see cref="ChatRequest.System"/>.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ChatRole>))]
public enum ChatRole
{
    /// <summary>The end user: the first, every other and the last message.</summary>
    [JsonStringEnumMemberName("user")]
    User,

    /// <summary>The model's earlier reply, between two user messages.</summary>
    [JsonStringEnumMemberName("assistant")]
    Assistant,
}
