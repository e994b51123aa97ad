namespace Qianfan.Sdk.Emulator.Serialization;

/// <summary>The OAuth endpoint's error body, e.g. <c>{"error":"invalid_client","error_description":"unknown client id"}</c>.</summary>
internal sealed record OAuthErrorBody(string Error, string ErrorDescription);
