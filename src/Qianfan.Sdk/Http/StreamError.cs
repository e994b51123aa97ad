namespace Qianfan.Sdk.Http;

/// <summary>An error carried inside a stream: V1's numeric code or V2's string code, and the message.</summary>
internal sealed record StreamError(int? Code, string? Name, string Message);
