namespace Qianfan.Sdk.Models;

// The V2 model ids in use in 2026 (docs/qianfan-more-apis.md), and the older V2 ids of the V1 models.
internal static class V2ModelCatalogData
{
    internal static V2ModelSpec[] Build() =>
    [
        new("ernie-5.1", 131072),
        new("ernie-5.0", 131072),
        new("ernie-5.0-thinking-latest", 131072, IsReasoning: true),
        new("ernie-5.0-thinking-preview", 131072, IsReasoning: true),
        new("ernie-4.5-turbo-128k", 131072),
        new("ernie-4.5-turbo-32k", 32768),
        new("ernie-4.5-turbo-vl", 32768, IsVision: true),
        new("ernie-4.5-8k-preview", 8192),
        new("ernie-x1.1", 65536, IsReasoning: true),
        new("ernie-x1-turbo-32k", 32768, IsReasoning: true),
        new("ernie-x1-32k", 32768, IsReasoning: true),
        new("ernie-4.0-turbo-8k", 8192),
        new("ernie-4.0-turbo-128k", 131072),
        new("ernie-4.0-8k", 8192),
        new("ernie-3.5-8k", 8192),
        new("ernie-3.5-128k", 131072),
        new("ernie-speed-8k", 8192),
        new("ernie-speed-128k", 131072),
        new("ernie-speed-pro-128k", 131072),
        new("ernie-lite-8k", 8192),
        new("ernie-lite-pro-128k", 131072),
        new("ernie-tiny-8k", 8192),
        new("ernie-char-8k", 8192),
        new("ernie-novel-8k", 8192),
        new("deepseek-v3.2-think", 131072, IsReasoning: true),
        new("deepseek-v3.2", 131072),
        new("deepseek-v3", 65536),
        new("deepseek-r1", 65536, IsReasoning: true),
        new("qwen3-235b-a22b", 131072),
        new("qwen3-32b", 32768),
        new("qwen3-30b-a3b", 32768),
        new("qwen3-8b", 32768),
        new("glm-4.5v", 65536, IsVision: true),
        new("kimi-k2-instruct", 131072),
    ];
}
