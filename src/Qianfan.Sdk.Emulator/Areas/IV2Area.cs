using System.Text.Json;
using Qianfan.Sdk.Emulator.V2;

namespace Qianfan.Sdk.Emulator.Areas;

/// <summary>One V2 API beside chat (<c>/v2/embeddings</c>, <c>/v2/rerankers</c>, <c>/v2/images/generations</c>).</summary>
internal interface IV2Area
{
    /// <summary>The path it is served at.</summary>
    string Path { get; }

    /// <summary>Validates a body (a JSON object) as the service does.</summary>
    /// <returns>The call, or null with <paramref name="error"/> set (e.g. 400 <c>invalid_argument</c>, 401 <c>invalid_model</c>).</returns>
    AreaCall? Read(JsonElement body, out V2Error? error);
}
