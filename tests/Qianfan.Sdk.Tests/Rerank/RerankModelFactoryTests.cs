using System.Net;
using Qianfan.Sdk.Core;
using Qianfan.Sdk.Rerank;

namespace Qianfan.Sdk.Tests.Rerank;

/// <summary>The factory builds rerank results best first, with their HTTP answer.</summary>
public sealed class RerankModelFactoryTests
{
    [Fact]
    public void RerankResponse_PutsTheResultsBestFirst()
    {
        var reply = RerankModelFactory.RerankResponse(
            [new RerankResult { Index = 0, RelevanceScore = 0.1, Document = "a" }, new RerankResult { Index = 1, RelevanceScore = 0.9, Document = "b" }],
            "as-r",
            response: new ServiceResponse(HttpStatusCode.OK, null, "req-r"));

        Assert.Equal([1, 0], reply.Results.Select(r => r.Index));
        Assert.Equal("req-r", reply.RequestId);
        Assert.Equal("as-r", reply.Id);
    }
}
