using System.Collections.Frozen;

namespace Qianfan.Sdk.Models;

// The V1 chat models as Baidu's official SDK catalogues them (docs/qianfan-models.md), with the
// seed documents' limits where they differ (ERNIE-Speed-8K: 24,000 characters, 6,144 tokens).
internal static class ModelCatalogData
{
    private static readonly FrozenSet<string> P0 = Params("disable_search", "enable_citation", "enable_system_memory", "enable_trace", "max_output_tokens", "penalty_score", "response_format", "stop", "stream", "system", "system_memory_id", "temperature", "top_p", "user_id");
    private static readonly FrozenSet<string> P1 = Params("frequency_penalty", "max_output_tokens", "min_output_tokens", "penalty_score", "presence_penalty", "stream", "system", "temperature", "tool_choice", "tools", "top_p", "user_id");
    private static readonly FrozenSet<string> P2 = Params("disable_search", "enable_citation", "enable_system_memory", "enable_trace", "functions", "max_output_tokens", "penalty_score", "response_format", "stop", "stream", "system", "system_memory_id", "temperature", "tool_choice", "top_p", "user_id");
    private static readonly FrozenSet<string> P3 = Params("penalty_score", "stop", "stream", "system", "temperature", "tool_choice", "tools", "top_p", "user_id");
    private static readonly FrozenSet<string> P4 = Params("frequency_penalty", "max_output_tokens", "min_output_tokens", "penalty_score", "presence_penalty", "stop", "stream", "system", "temperature", "top_p", "user_id");
    private static readonly FrozenSet<string> P5 = Params("disable_search", "enable_citation", "enable_system_memory", "enable_trace", "functions", "max_output_tokens", "penalty_score", "response_format", "stop", "stream", "system", "system_memory_id", "temperature", "tool_choice", "top_p", "user_id", "user_setting");
    private static readonly FrozenSet<string> P6 = Params("disable_search", "enable_citation", "enable_system_memory", "enable_trace", "functions", "max_output_tokens", "penalty_score", "response_format", "stop", "stream", "system", "system_memory_id", "temperature", "top_p", "user_id");
    private static readonly FrozenSet<string> P7 = Params("frequency_penalty", "max_output_tokens", "min_output_tokens", "penalty_score", "presence_penalty", "stop", "stream", "system", "temperature", "tool_choice", "tools", "top_p", "user_id");
    private static readonly FrozenSet<string> P8 = Params("frequency_penalty", "max_output_tokens", "penalty_score", "presence_penalty", "stop", "stream", "system", "temperature", "tool_choice", "tools", "top_p", "user_id");
    private static readonly FrozenSet<string> P9 = Params("penalty_score", "stream", "system", "temperature", "tool_choice", "tools", "top_p", "user_id");
    private static readonly FrozenSet<string> P10 = Params("enable_system_memory", "frequency_penalty", "max_output_tokens", "min_output_tokens", "penalty_score", "presence_penalty", "stop", "stream", "system", "system_memory_id", "temperature", "tool_choice", "tools", "top_p", "user_id");
    private static readonly FrozenSet<string> P11 = Params("max_output_tokens", "penalty_score", "stop", "stream", "system", "temperature", "top_p", "user_id");
    private static readonly FrozenSet<string> P12 = Params("disable_search", "enable_citation", "enable_trace", "functions", "max_output_tokens", "penalty_score", "response_format", "stop", "stream", "system", "temperature", "tool_choice", "top_p", "user_id");
    private static readonly FrozenSet<string> P13 = Params("penalty_score", "stop", "stream", "temperature", "tool_choice", "tools", "top_k", "top_p", "user_id");
    private static readonly FrozenSet<string> P14 = Params("stream", "temperature", "tool_choice", "tools", "top_p", "user_id");

    internal static Dictionary<string, ModelSpec> Build()
    {
        var catalog = new Dictionary<string, ModelSpec>(StringComparer.OrdinalIgnoreCase);
        Add(catalog, "ERNIE-4.0-8K-Latest", "ernie-4.0-8k-latest", 20000, 5120, P0);
        Add(catalog, "ERNIE-4.0-8K-0613", "ernie-4.0-8k-0613", 20000, 5120, P0);
        Add(catalog, "ERNIE-4.0-Turbo-8K", "ernie-4.0-turbo-8k", 20000, 5120, P0);
        Add(catalog, "ERNIE-4.0-Turbo-8K-Latest", "ernie-4.0-turbo-8k-latest", 20000, 5120, P0);
        Add(catalog, "ERNIE-4.0-Turbo-8K-Preview", "ernie-4.0-turbo-8k-preview", 20000, 5120, P0);
        Add(catalog, "ERNIE-Lite-AppBuilder-8K-0614", "ai_apaas_lite", 11200, 7168, P1);
        Add(catalog, "ERNIE-3.5-8K-0701", "ernie-3.5-8k-0701", 20000, 5120, P2);
        Add(catalog, "ERNIE-3.5-8K-0613", "ernie-3.5-8k-0613", 20000, 5120, P2);
        Add(catalog, "ERNIE-Lite-Pro-8K", "ernie-lite-pro-8k", 24000, 6144, P3);
        Add(catalog, "ERNIE-Lite-8K-0922", "eb-instant", 11200, 7168, P3);
        Add(catalog, "ERNIE-Lite-8K-0308", "ernie-lite-8k", 11200, 7168, P4);
        Add(catalog, "ERNIE-Lite-V", "ernie-lite-v", 11200, 7168, P4);
        Add(catalog, "ERNIE-3.5-8K", "completions", 20000, 5120, P5);
        Add(catalog, "ERNIE-4.0-8K", "completions_pro", 20000, 5120, P6);
        Add(catalog, "ERNIE-4.0-8K-0329", "ernie-4.0-8k-0329", 20000, 5120, P6);
        Add(catalog, "ERNIE-4.0-8K-0104", "ernie-4.0-8k-0104", 20000, 5120, P6);
        Add(catalog, "ERNIE-4.0-8K-Preview-0518", "completions_adv_pro", 20000, 5120, P6);
        Add(catalog, "ERNIE-4.0-8K-preview", "ernie-4.0-8k-preview", 20000, 5120, P6);
        Add(catalog, "ERNIE-3.5-128K", "ernie-3.5-128k", 516096, 126976, P5);
        Add(catalog, "ERNIE-3.5-8K-preview", "ernie-3.5-8k-preview", 20000, 5120, P5);
        Add(catalog, "ERNIE-3.5-8K-0205", "ernie-3.5-8k-0205", 20000, 5120, P5);
        Add(catalog, "ERNIE-3.5-8K-0329", "ernie-3.5-8k-0329", 8000, 2048, P5);
        Add(catalog, "ERNIE-Speed-Pro-8K", "ernie-speed-pro-8k", 24000, 6144, P7);
        Add(catalog, "ERNIE-Speed-8K", "ernie_speed", 24000, 6144, P7);
        Add(catalog, "ERNIE-Speed-Pro-128K", "ernie-speed-pro-128k", 516096, 126976, P8);
        Add(catalog, "ERNIE-Speed-128K", "ernie-speed-128k", 507904, 126976, P8);
        Add(catalog, "ERNIE Speed-AppBuilder", "ai_apaas", 11200, 7168, P9);
        Add(catalog, "ERNIE-Tiny-8K", "ernie-tiny-8k", 24000, 6144, P7);
        Add(catalog, "ERNIE-Novel-8K", "ernie-novel-8k", 24000, 6144, P10);
        Add(catalog, "ERNIE-Function-8K", "ernie-func-8k", 24000, 6144, P11);
        Add(catalog, "Qianfan-Dynamic-8K", "qianfan-dynamic-8k", 20000, 5120, P12);
        Add(catalog, "ERNIE-Character-8K", "ernie-char-8k", 24000, 6144, P11);
        Add(catalog, "ERNIE-Character-Fiction-8K", "ernie-char-fiction-8k", 24000, 6144, P11);
        Add(catalog, "BLOOMZ-7B", "bloomz_7b1", 4800, null, P13);
        Add(catalog, "Llama-2-7B-Chat", "llama_2_7b", 4800, null, P13);
        Add(catalog, "Llama-2-13B-Chat", "llama_2_13b", 4800, null, P13);
        Add(catalog, "Llama-2-70B-Chat", "llama_2_70b", 4800, null, P13);
        Add(catalog, "Meta-Llama-3-8B", "llama_3_8b", 4800, null, P13);
        Add(catalog, "Meta-Llama-3-70B", "llama_3_70b", 4800, null, P13);
        Add(catalog, "Qianfan-BLOOMZ-7B-compressed", "qianfan_bloomz_7b_compressed", 4800, null, P13);
        Add(catalog, "Qianfan-Chinese-Llama-2-7B", "qianfan_chinese_llama_2_7b", 4800, null, P13);
        Add(catalog, "ChatGLM2-6B-32K", "chatglm2_6b_32k", 4800, null, P13);
        Add(catalog, "AquilaChat-7B", "aquilachat_7b", 4800, null, P13);
        Add(catalog, "XuanYuan-70B-Chat-4bit", "xuanyuan_70b_chat", 4800, null, P13);
        Add(catalog, "Qianfan-Chinese-Llama-2-13B", "qianfan_chinese_llama_2_13b", 4800, null, P13);
        Add(catalog, "Qianfan-Chinese-Llama-2-70B", "qianfan_chinese_llama_2_70b", 4800, null, P13);
        Add(catalog, "ChatLaw", "chatlaw", 4800, null, P14);
        Add(catalog, "Yi-34B-Chat", "yi_34b_chat", 4800, null, P13);
        Add(catalog, "Mixtral-8x7B-Instruct", "mixtral_8x7b_instruct", 4800, null, P13);
        Add(catalog, "Gemma-7B-it", "gemma_7b_it", 4800, null, P13);
        return catalog;
    }

    internal static Dictionary<string, string> Aliases() => new(StringComparer.OrdinalIgnoreCase)
    {
        ["ERNIE-Lite-8K"] = "ERNIE-Lite-8K-0308",
        ["ERNIE-Speed"] = "ERNIE-Speed-8K",
        ["ERNIE Speed"] = "ERNIE-Speed-8K",
        ["ERNIE 3.5"] = "ERNIE-3.5-8K",
        ["ERNIE-4.0-preview"] = "ERNIE-4.0-8K-preview",
        ["ERNIE-3.5-preview"] = "ERNIE-3.5-8K-preview",
        ["ERNIE-Functions-8K"] = "ERNIE-Function-8K",
        ["ERNIE-Bot-4"] = "ERNIE-4.0-8K",
        ["ERNIE-Bot"] = "ERNIE-3.5-8K",
        ["ERNIE-Bot-turbo"] = "ERNIE-Lite-8K-0922",
        ["EB-turbo-AppBuilder"] = "ERNIE Speed-AppBuilder",
        ["ERNIE-Bot-turbo-AI"] = "ERNIE Speed-AppBuilder",
    };

    private static void Add(Dictionary<string, ModelSpec> catalog, string name, string endpoint, int maxInputCharacters, int? maxInputTokens, FrozenSet<string> parameters) =>
        catalog.Add(name, new ModelSpec(name, endpoint, maxInputCharacters, maxInputTokens, parameters));

    private static FrozenSet<string> Params(params string[] keys) => keys.ToFrozenSet(StringComparer.Ordinal);
}
