using System.Text.Json.Serialization;

namespace Qianfan.Sdk.Authentication;

/// <summary>The token endpoints' bodies, compiled ahead of time (trimming and Native AOT safe).</summary>
[JsonSerializable(typeof(OAuthTokenResponse))]
[JsonSerializable(typeof(BearerTokenResponse))]
internal sealed partial class AuthenticationJsonContext : JsonSerializerContext;
