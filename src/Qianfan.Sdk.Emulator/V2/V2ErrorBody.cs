namespace Qianfan.Sdk.Emulator.V2;

/// <summary>The V2 error body: <c>{"error":{"code":"…","message":"…","type":"…"},"id":"as-…"}</c>.</summary>
internal sealed record V2ErrorBody(V2ErrorDetail Error, string Id);

/// <summary>The <c>error</c> object of a <see cref="V2ErrorBody"/>, in the documented field order.</summary>
internal sealed record V2ErrorDetail(string Code, string Message, string Type);
