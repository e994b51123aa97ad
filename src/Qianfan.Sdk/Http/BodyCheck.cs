namespace Qianfan.Sdk.Http;

/// <summary>
/// Throws the <see cref="Errors.QianfanException"/> an API's answer carries, if any. V1 and V2 shape their error
/// bodies differently; the readers that share the buffering take the API's check.
/// </summary>
internal delegate void BodyCheck(ReadOnlySpan<byte> body, HttpResponseMessage response);
