using Qianfan.Sdk;
using Qianfan.Sdk.AI;
using Qianfan.Sdk.Chat;
using Qianfan.Sdk.Embeddings;
using Qianfan.Sdk.Models;

#pragma warning disable IDE0130 // The extensions live where Microsoft.Extensions.AI's users look for them, as the OpenAI provider's do.
namespace Microsoft.Extensions.AI;
#pragma warning restore IDE0130

/// <summary>
/// Qianfan as Microsoft.Extensions.AI's <see cref="IChatClient"/>: <c>qianfanClient.AsIChatClient("ernie-4.5-turbo-128k")</c>
/// for V2 chat completions, <c>qianfanClient.Chat.AsIChatClient("ERNIE-Speed-8K")</c> for V1. Requests run through
/// the SDK as direct calls do: validated first, retried, limited, logged and traced.
/// </summary>
public static class QianfanAIExtensions
{
    /// <summary>V2 chat completions for <paramref name="modelId"/> (e.g. <c>ernie-4.5-turbo-128k</c>) as an <see cref="IChatClient"/>.</summary>
    public static IChatClient AsIChatClient(this QianfanClient client, string modelId)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrWhiteSpace(modelId);
        return new V2ChatClient(client.ChatCompletions, modelId, client.V2Endpoint, client);
    }

    /// <summary>V2 chat completions for <paramref name="modelId"/> as an <see cref="IChatClient"/>.</summary>
    public static IChatClient AsIChatClient(this ChatCompletionsClient client, string modelId)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrWhiteSpace(modelId);
        var owner = QianfanClient.OwnerOf(client);
        return new V2ChatClient(client, modelId, owner?.V2Endpoint, owner);
    }

    /// <summary>V2 embeddings for <paramref name="modelId"/> (e.g. <c>embedding-v1</c>, <c>bge-large-zh</c>) as an <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/>.</summary>
    public static IEmbeddingGenerator<string, Embedding<float>> AsIEmbeddingGenerator(this QianfanClient client, string modelId = EmbeddingModels.Default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrWhiteSpace(modelId);
        var embeddings = client.EmbeddingsV2;
        return new EmbeddingGenerator((model, texts, ct) => embeddings.EmbedAllAsync(model, texts, cancellationToken: ct), modelId, client.V2Endpoint, embeddings, client);
    }

    /// <summary>V2 embeddings for <paramref name="modelId"/> as an <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/>.</summary>
    public static IEmbeddingGenerator<string, Embedding<float>> AsIEmbeddingGenerator(this EmbeddingsV2Client client, string modelId = EmbeddingModels.Default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrWhiteSpace(modelId);
        var owner = QianfanClient.OwnerOf(client);
        return new EmbeddingGenerator((model, texts, ct) => client.EmbedAllAsync(model, texts, cancellationToken: ct), modelId, owner?.V2Endpoint, client, owner);
    }

    /// <summary>V1 embeddings for <paramref name="model"/> (<c>Embedding-V1</c>, <c>bge-large-zh</c>, <c>tao-8k</c> …) as an <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/>.</summary>
    public static IEmbeddingGenerator<string, Embedding<float>> AsIEmbeddingGenerator(this EmbeddingsClient client, string model = EmbeddingModels.Default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrWhiteSpace(model);
        var owner = QianfanClient.OwnerOf(client);
        return new EmbeddingGenerator((name, texts, ct) => client.EmbedAllAsync(name, texts, cancellationToken: ct), model, owner?.V1Endpoint, client, owner);
    }

    /// <summary>V1 chat with a catalogued model (by name or alias; null for ERNIE-Lite-8K) as an <see cref="IChatClient"/>.</summary>
    public static IChatClient AsIChatClient(this ChatClient client, string? model = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        var owner = QianfanClient.OwnerOf(client);
        return new V1ChatClient(client, model, null, owner);
    }

    /// <summary>V1 chat with a custom service (<see cref="ModelSpec.ForCustomEndpoint"/>) as an <see cref="IChatClient"/>.</summary>
    public static IChatClient AsIChatClient(this ChatClient client, ModelSpec endpoint)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(endpoint);
        var owner = QianfanClient.OwnerOf(client);
        return new V1ChatClient(client, null, endpoint, owner);
    }
}
