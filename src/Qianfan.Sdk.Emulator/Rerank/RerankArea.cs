using System.Text.Json;
using Qianfan.Sdk.Emulator.Areas;
using Qianfan.Sdk.Emulator.Hosting;
using Qianfan.Sdk.Emulator.V2;

namespace Qianfan.Sdk.Emulator.Rerank;

/// <summary>
/// Rerank, V1 (<c>reranker/bce_reranker_base</c>) and V2 (<c>/v2/rerankers</c>, <c>model</c> defaulting to
/// <c>bce-reranker-base</c>): a query, at least one document, none empty, <c>top_n</c> a positive integer (more than
/// the documents returns them all).
/// </summary>
internal sealed class RerankArea(EmulatorState state) : IV1Area, IV2Area
{
    public const string Endpoint = "bce_reranker_base";
    public const string Model = "bce-reranker-base";

    public string Family => "reranker";

    public string Path => AreaPaths.V2Rerankers;

    public bool Serves(string endpoint) => endpoint == Endpoint;

    public AreaCall? Read(string endpoint, JsonElement body, out string? rule) => Check(body, "user_id", out rule);

    public AreaCall? Read(JsonElement body, out V2Error? error)
    {
        if (!AreaBody.IsAbsent(body, "model") && AreaBody.String(body, "model", out _) is var model && model != Model)
        {
            error = string.IsNullOrEmpty(model) ? V2Error.ModelEmpty() : V2Error.UnknownModel();
            return null;
        }

        var call = Check(body, "user", out var rule);
        error = rule is null ? null : V2Error.InvalidArgument(rule);
        return call;
    }

    private RerankCall? Check(JsonElement body, string userField, out string? rule)
    {
        var query = AreaBody.String(body, "query", out _);
        var documents = AreaBody.Strings(body, "documents");
        var topN = AreaBody.Integer(body, "top_n");
        rule = string.IsNullOrEmpty(query) ? "query must not be empty"
            : documents is null ? "documents must be a list of strings"
            : documents.Count == 0 ? "documents must not be empty"
            : documents.Any(d => d.Length == 0) ? "document must not be empty"
            : !AreaBody.IsAbsent(body, "top_n") && topN is not >= 1 ? "top_n must be a positive integer"
            : AreaBody.CheckUser(body, userField);
        return rule is null ? new RerankCall(state, query!, documents!, (int)Math.Min(topN ?? documents!.Count, documents!.Count)) : null;
    }
}
