using Qianfan.Sdk.Zhipu;
using Qianfan.Sdk.Zhipu.AI;
using Qianfan.Sdk.Zhipu.Chat;

#pragma warning disable IDE0130 // The extensions live where Microsoft.Extensions.AI's users look for them, as the OpenAI provider's do.
namespace Microsoft.Extensions.AI;
#pragma warning restore IDE0130

/// <summary>
/// Zhipu as Microsoft.Extensions.AI's <see cref="IChatClient"/>: <c>zhipuClient.AsIChatClient("glm-4.5")</c>. Requests
/// run through the SDK as direct calls do: validated first, retried by business code, limited, logged and traced.
/// </summary>
public static class ZhipuAIExtensions
{
    /// <summary>Chat completions with <paramref name="modelId"/> (e.g. <c>glm-4</c>, <c>glm-4.5</c>) as an <see cref="IChatClient"/>.</summary>
    public static IChatClient AsIChatClient(this ZhipuClient client, string modelId)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrWhiteSpace(modelId);
        return new ZhipuChatClient(client.Chat, modelId, client.BaseUrl, client);
    }

    /// <summary>Chat completions with <paramref name="modelId"/> as an <see cref="IChatClient"/>.</summary>
    public static IChatClient AsIChatClient(this ChatCompletionsClient client, string modelId)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrWhiteSpace(modelId);
        return new ZhipuChatClient(client, modelId, null, null);
    }
}
