using System.Net;
using Qianfan.Sdk.Core;
using Qianfan.Sdk.Tokenizer;

namespace Qianfan.Sdk.Tests.Tokenizer;

/// <summary>The factory builds a token count with its HTTP answer.</summary>
public sealed class TokenizerModelFactoryTests
{
    [Fact]
    public void TokenCountResponse_CountsInUsage()
    {
        var count = TokenizerModelFactory.TokenCountResponse(12, "as-t", new ServiceResponse(HttpStatusCode.OK, null, "req-t"));

        Assert.Equal(12, count.TotalTokens);
        Assert.Equal(12, count.Usage!.PromptTokens);
        Assert.Equal("req-t", count.RequestId);
    }
}
