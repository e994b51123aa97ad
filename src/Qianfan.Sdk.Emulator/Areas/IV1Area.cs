using System.Text.Json;

namespace Qianfan.Sdk.Emulator.Areas;

/// <summary>One V1 API beside chat (<c>wenxinworkshop/{family}/{endpoint}</c>): which endpoints it serves and how it reads a body.</summary>
internal interface IV1Area
{
    /// <summary>The path segment after <c>wenxinworkshop/</c>, e.g. <c>embeddings</c>.</summary>
    string Family { get; }

    /// <summary>Whether <paramref name="endpoint"/> is served; any other answers error 3, as the gateway does.</summary>
    bool Serves(string endpoint);

    /// <summary>Validates a body (a JSON object) as the service does.</summary>
    /// <returns>The call, or null with <paramref name="rule"/> naming the broken rule (error 336003).</returns>
    AreaCall? Read(string endpoint, JsonElement body, out string? rule);
}
