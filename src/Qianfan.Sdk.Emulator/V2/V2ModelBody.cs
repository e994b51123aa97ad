namespace Qianfan.Sdk.Emulator.V2;

/// <summary>One model of <c>GET /v2/models</c>.</summary>
internal sealed record V2ModelBody(string Id, string Object, long Created, string OwnedBy, int? ContextLength);
