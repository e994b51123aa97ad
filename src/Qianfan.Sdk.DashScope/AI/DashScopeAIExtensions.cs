using Qianfan.Sdk.DashScope;
using Qianfan.Sdk.DashScope.AI;
using Qianfan.Sdk.DashScope.Generation;

#pragma warning disable IDE0130 // The extensions live where Microsoft.Extensions.AI's users look for them, as the OpenAI provider's do.
namespace Microsoft.Extensions.AI;
#pragma warning restore IDE0130

/// <summary>
/// DashScope as Microsoft.Extensions.AI's <see cref="IChatClient"/>: <c>dashScopeClient.AsIChatClient("qwen-plus")</c>.
/// Requests run through the SDK as direct calls do: validated first, retried, limited, logged and traced.
/// </summary>
public static class DashScopeAIExtensions
{
    /// <summary>Qwen text generation with <paramref name="modelId"/> (e.g. <c>qwen-plus</c>) as an <see cref="IChatClient"/>.</summary>
    public static IChatClient AsIChatClient(this DashScopeClient client, string modelId)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrWhiteSpace(modelId);
        return new DashScopeChatClient(client.Generation, modelId, client.BaseUrl, client);
    }

    /// <summary>Qwen text generation with <paramref name="modelId"/> as an <see cref="IChatClient"/>.</summary>
    public static IChatClient AsIChatClient(this GenerationClient client, string modelId)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrWhiteSpace(modelId);
        return new DashScopeChatClient(client, modelId, null, null);
    }
}
