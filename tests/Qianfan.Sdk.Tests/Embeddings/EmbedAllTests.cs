using System.Globalization;
using System.Text.Json;
using Qianfan.Sdk.Embeddings;
using Qianfan.Sdk.Errors;
using Qianfan.Sdk.Tests.TestSupport;

namespace Qianfan.Sdk.Tests.Embeddings;

/// <summary>
/// EmbedAllAsync: any number of texts in as many requests as the model allows, a bounded number at a time, the
/// vectors back in the texts' order whatever order the requests finish or list their data in.
/// </summary>
public sealed class EmbedAllTests
{
    [Fact]
    public async Task SplitsIntoTheModelsBatches_AndKeepsTheTextsOrder()
    {
        using var fake = new FakeQianfan();
        fake.AreaResponder = (request, _) => Task.FromResult(Responses.Json(EchoVectors(request)));
        using var client = fake.CreateClient();
        var texts = Enumerable.Range(0, 40).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToArray();

        var batch = await client.Embeddings.EmbedAllAsync("embedding-v1", texts);

        Assert.Equal([16, 16, 8], fake.AreaRequests.Select(r => r.Json.GetProperty("input").GetArrayLength()).Order().Reverse());
        Assert.Equal(texts.Select(Number), batch.Vectors.Select(v => v[0]));
        Assert.Equal(3, batch.Responses.Count);
        Assert.Equal(40, batch.Usage.PromptTokens);
        Assert.Equal(40, batch.Usage.TotalTokens);
    }

    [Fact]
    public async Task Tao8k_SendsOneTextPerRequest()
    {
        using var fake = new FakeQianfan();
        fake.AreaResponder = (request, _) => Task.FromResult(Responses.Json(EchoVectors(request)));
        using var client = fake.CreateV2Client();

        var batch = await client.EmbeddingsV2.EmbedAllAsync("tao-8k", ["1", "2", "3"]);

        Assert.Equal(3, fake.AreaRequests.Count);
        Assert.All(fake.AreaRequests, r => Assert.Equal(1, r.Json.GetProperty("input").GetArrayLength()));
        Assert.Equal([1f, 2f, 3f], batch.Vectors.Select(v => v[0]));
    }

    [Fact]
    public async Task AtMostMaxConcurrencyRequestsAreInFlight_AndOrderHoldsWhenLaterOnesFinishFirst()
    {
        using var fake = new FakeQianfan();
        var inFlight = 0;
        var maxInFlight = 0;
        var arrived = 0;
        var firstRelease = new TaskCompletionSource();
        fake.AreaResponder = async (request, n) =>
        {
            var now = Interlocked.Increment(ref inFlight);
            InterlockedMax(ref maxInFlight, now);
            if (Interlocked.Increment(ref arrived) == 1)
            {
                // The first request waits until a later one has finished, so the answers come back out of order.
                await firstRelease.Task.OrHang();
            }
            else
            {
                firstRelease.TrySetResult();
            }

            Interlocked.Decrement(ref inFlight);
            return Responses.Json(EchoVectors(request));
        };
        using var client = fake.CreateClient();
        var texts = Enumerable.Range(0, 100).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToArray();

        var batch = await client.Embeddings.EmbedAllAsync("bge-large-zh", texts, maxConcurrency: 2).OrHang();

        Assert.Equal(7, fake.AreaRequests.Count);
        Assert.Equal(2, maxInFlight);
        Assert.Equal(texts.Select(Number), batch.Vectors.Select(v => v[0]));
    }

    [Fact]
    public async Task EveryTextIsCheckedBeforeTheFirstRequest()
    {
        using var fake = new FakeQianfan();
        using var client = fake.CreateClient();
        var texts = EmbeddingValidationTests.Texts(40);
        texts[35] = "";

        var ex = await Assert.ThrowsAsync<QianfanValidationException>(() => client.Embeddings.EmbedAllAsync("embedding-v1", texts));

        Assert.Equal("input[3]", ex.ParamName); // the fourth text of the third request
        Assert.Empty(fake.Requests);
    }

    [Fact]
    public async Task AFailedRequestFailsTheBatch()
    {
        using var fake = new FakeQianfan();
        fake.RespondToAreaInTurn(() => Responses.Json(EmbeddingsTests.Vectors(16)), () => Responses.Error(336003, "bad"));
        using var client = fake.CreateClient();

        var ex = await Assert.ThrowsAsync<QianfanException>(() => client.Embeddings.EmbedAllAsync("embedding-v1", EmbeddingValidationTests.Texts(32), maxConcurrency: 1));

        Assert.Equal(336003, ex.ErrorCode);
    }

    [Fact]
    public async Task MaxConcurrencyBelowOneIsRejected()
    {
        using var fake = new FakeQianfan();
        using var client = fake.CreateClient();

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => client.Embeddings.EmbedAllAsync("embedding-v1", ["a"], maxConcurrency: 0));
        Assert.Empty(fake.Requests);
    }

    /// <summary>An answer whose vector for each text is [the text as a number], its data listed last text first.</summary>
    private static string EchoVectors(RecordedRequest request)
    {
        var input = request.Json.GetProperty("input").EnumerateArray().Select(e => e.GetString()!).ToList();
        var data = input.Select((text, i) => new { @object = "embedding", embedding = new[] { Number(text) }, index = i }).Reverse();
        return JsonSerializer.Serialize(new { id = "as-b", @object = "embedding_list", created = 1, data, usage = new { prompt_tokens = input.Count, total_tokens = input.Count } });
    }

    private static float Number(string text) => float.Parse(text, CultureInfo.InvariantCulture);

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}
