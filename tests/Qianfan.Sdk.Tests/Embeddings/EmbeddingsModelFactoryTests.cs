using System.Net;
using Qianfan.Sdk.Core;
using Qianfan.Sdk.Embeddings;
using Qianfan.Sdk.Protocol;

namespace Qianfan.Sdk.Tests.Embeddings;

/// <summary>The factory builds embedding results with their HTTP answer, for a substituted client to return.</summary>
public sealed class EmbeddingsModelFactoryTests
{
    [Fact]
    public void EmbeddingResponse_HoldsTheVectorsInOrder_WithItsAnswer()
    {
        var answer = new ServiceResponse(HttpStatusCode.OK, null, "req-e");

        var reply = EmbeddingsModelFactory.EmbeddingResponse([[1f, 2f], [3f, 4f]], "as-e", new TokenUsage { PromptTokens = 2, TotalTokens = 2 }, answer);

        Assert.Equal([[1f, 2f], [3f, 4f]], reply.Vectors);
        Assert.Equal([0, 1], reply.Data.Select(d => d.Index));
        Assert.Equal("req-e", reply.RequestId);
        Assert.Equal(2, reply.Usage!.PromptTokens);
    }

    [Fact]
    public void EmbeddingBatch_JoinsTheAnswers_AndSumsTheirUsage()
    {
        var one = EmbeddingsModelFactory.EmbeddingResponse([[1f]], usage: new TokenUsage { PromptTokens = 1, TotalTokens = 1 });
        var two = EmbeddingsModelFactory.EmbeddingResponse([[2f], [3f]], usage: new TokenUsage { PromptTokens = 2, TotalTokens = 2 });

        var batch = EmbeddingsModelFactory.EmbeddingBatch([one, two]);

        Assert.Equal([1f, 2f, 3f], batch.Vectors.Select(v => v[0]));
        Assert.Equal(3, batch.Usage.TotalTokens);
        Assert.Equal([one, two], batch.Responses);
    }
}
