using System.Text.Json.Serialization;
using Qianfan.Sdk.Authentication;
using Qianfan.Sdk.Chat;
using Qianfan.Sdk.Http;

namespace Qianfan.Sdk.Serialization;

/// <summary>All wire types, compiled ahead of time so the SDK needs no reflection (trimming and Native AOT safe).</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ChatRequestBody))]
[JsonSerializable(typeof(ChatResponse))]
[JsonSerializable(typeof(ChatChunk))]
[JsonSerializable(typeof(ErrorEnvelope))]
[JsonSerializable(typeof(OAuthTokenResponse))]
internal sealed partial class QianfanJsonContext : JsonSerializerContext;
