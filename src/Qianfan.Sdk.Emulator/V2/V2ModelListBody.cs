namespace Qianfan.Sdk.Emulator.V2;

/// <summary>The answer of <c>GET /v2/models</c>: <c>{"object":"list","data":[…]}</c>.</summary>
internal sealed record V2ModelListBody(IReadOnlyList<V2ModelBody> Data)
{
    public string Object { get; init; } = "list";
}
