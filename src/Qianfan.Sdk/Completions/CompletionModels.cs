using System.Collections.Frozen;
using Qianfan.Sdk.Models;

namespace Qianfan.Sdk.Completions;

/// <summary>The V1 completion models by name (case-insensitive) and their endpoints; a name not listed is taken as an endpoint.</summary>
internal static class CompletionModels
{
    private static readonly FrozenDictionary<string, string> Endpoints = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["SQLCoder-7B"] = "sqlcoder_7b",
        ["CodeLlama-7b-Instruct"] = "codellama_7b_instruct",
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    /// <summary>The endpoint of <paramref name="name"/>: the listed one, or the lower-cased name as a custom service's path.</summary>
    public static string EndpointOf(string name)
    {
        if (Endpoints.TryGetValue(name, out var endpoint))
        {
            return endpoint;
        }

        endpoint = name.Trim().ToLowerInvariant();
        ModelSpec.ValidateEndpoint(endpoint);
        return endpoint;
    }
}
