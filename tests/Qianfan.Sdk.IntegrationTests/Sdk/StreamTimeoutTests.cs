using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using Qianfan.Sdk.Chat;
using Qianfan.Sdk.Core;

namespace Qianfan.Sdk.IntegrationTests.Sdk;

/// <summary>
/// A stream's two timeouts against a real socket whose service goes silent: the attempt timeout while the first chunk
/// has not come (the headers have), and the idle timeout after it. Both run on the client's fake clock: just below
/// the deadline (95 %) the read still waits, at the deadline it fails. The real time the failure takes to arrive
/// once the deadline has passed is bounded well below the two seconds SocketsHttpHandler would spend draining the
/// body if a timeout disposed the response instead of cancelling the read.
/// </summary>
public sealed class StreamTimeoutTests
{
    /// <summary>Far below ResponseDrainTimeout (2 s), far above what a cancelled read takes on loopback.</summary>
    private static readonly TimeSpan NoDrain = TimeSpan.FromSeconds(1.5);

    [Fact]
    public async Task HeadersWithoutAnEvent_FailAtTheAttemptTimeout_NotAtTheDrainTimeoutAfterIt()
    {
        var sent = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = RawHttpServer.StartSilentAfter(RawHttpServer.Head("text/event-stream"), sent);
        var clock = new FakeTimeProvider();
        using var client = Client(server, clock, timeout: TimeSpan.FromSeconds(40), idle: null);
        await using var chunks = client.Chat.StreamAsync(Ask()).GetAsyncEnumerator();

        var first = chunks.MoveNextAsync().AsTask();
        await sent.Task.WaitAsync(SdkHarness.Soon);
        clock.Advance(TimeSpan.FromSeconds(38)); // 95 % of the timeout
        await Task.Delay(200);
        Assert.False(first.IsCompleted, "the first read ended before the attempt timeout");

        var watch = Stopwatch.StartNew();
        clock.Advance(TimeSpan.FromSeconds(2));
        var error = await Assert.ThrowsAsync<TimeoutException>(() => first.WaitAsync(SdkHarness.Soon));
        var arrived = watch.Elapsed;
        await server.ClientClosed.WaitAsync(SdkHarness.Soon);
        var closed = watch.Elapsed;

        Assert.Equal("chat/ernie_speed did not answer within 40 s.", error.Message);
        Assert.True(arrived < NoDrain, $"the timeout arrived {arrived.TotalMilliseconds:0} ms after its deadline");
        Assert.True(closed < NoDrain, $"the connection was closed {closed.TotalMilliseconds:0} ms after the deadline");
        Assert.Equal(1, server.Requests);
    }

    [Fact]
    public async Task StreamSilentAfterItsFirstChunk_FailsAtTheIdleTimeout_NamingIt_NeverRetried()
    {
        var sent = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var firstEvent = """data: {"id":"as-idle","sentence_id":0,"is_end":false,"result":"第一句。"}""" + "\n\n";
        await using var server = RawHttpServer.StartSilentAfter([.. RawHttpServer.Head("text/event-stream"), .. Encoding.UTF8.GetBytes(firstEvent)], sent);
        var clock = new FakeTimeProvider();
        using var client = Client(server, clock, timeout: TimeSpan.FromSeconds(60), idle: TimeSpan.FromSeconds(20), maxRetries: 3);
        await using var chunks = client.Chat.StreamAsync(Ask()).GetAsyncEnumerator();

        Assert.True(await chunks.MoveNextAsync().AsTask().WaitAsync(SdkHarness.Soon));
        Assert.Equal("第一句。", chunks.Current.Result);
        var next = chunks.MoveNextAsync().AsTask();
        clock.Advance(TimeSpan.FromSeconds(19)); // 95 % of the idle timeout
        await Task.Delay(200);
        Assert.False(next.IsCompleted, "the read ended before the idle timeout");

        var watch = Stopwatch.StartNew();
        clock.Advance(TimeSpan.FromSeconds(1));
        var error = await Assert.ThrowsAsync<TimeoutException>(() => next.WaitAsync(SdkHarness.Soon));
        var arrived = watch.Elapsed;
        await server.ClientClosed.WaitAsync(SdkHarness.Soon);
        var closed = watch.Elapsed;

        Assert.Equal("The stream sent nothing for 20 s after 1 chunk(s) (the stream idle timeout).", error.Message);
        Assert.True(arrived < NoDrain, $"the idle timeout arrived {arrived.TotalMilliseconds:0} ms after its deadline");
        Assert.True(closed < NoDrain, $"the connection was closed {closed.TotalMilliseconds:0} ms after the deadline");
        Assert.Equal(1, server.Requests); // a chunk had reached the caller: never repeated
    }

    [Fact]
    public async Task StreamSilentAfterItsFirstChunk_WithoutAnIdleTimeout_FailsAtTheAttemptTimeout()
    {
        var firstEvent = """data: {"id":"as-idle","sentence_id":0,"is_end":false,"result":"第一句。"}""" + "\n\n";
        await using var server = RawHttpServer.StartSilentAfter([.. RawHttpServer.Head("text/event-stream"), .. Encoding.UTF8.GetBytes(firstEvent)]);
        var clock = new FakeTimeProvider();
        using var client = Client(server, clock, timeout: TimeSpan.FromSeconds(30), idle: null);
        await using var chunks = client.Chat.StreamAsync(Ask()).GetAsyncEnumerator();

        Assert.True(await chunks.MoveNextAsync().AsTask().WaitAsync(SdkHarness.Soon));
        var next = chunks.MoveNextAsync().AsTask();
        clock.Advance(TimeSpan.FromSeconds(28.5));
        await Task.Delay(200);
        Assert.False(next.IsCompleted, "the read ended before the default idle timeout");
        clock.Advance(TimeSpan.FromSeconds(1.5));

        var error = await Assert.ThrowsAsync<TimeoutException>(() => next.WaitAsync(SdkHarness.Soon));
        Assert.Equal("The stream sent nothing for 30 s after 1 chunk(s) (the stream idle timeout).", error.Message);
    }

    private static QianfanClient Client(RawHttpServer server, TimeProvider clock, TimeSpan timeout, TimeSpan? idle, int maxRetries = 0) => new(
        new QianfanCredentials { AccessToken = "timeout-token" },
        new QianfanOptions
        {
            BaseUrl = server.BaseUrl,
            Timeout = timeout,
            StreamIdleTimeout = idle,
            Retry = new RetryOptions { MaxRetries = maxRetries, BaseDelay = TimeSpan.FromMilliseconds(1) },
        },
        timeProvider: clock);

    private static ChatRequest Ask() => new("ERNIE-Speed-8K") { Messages = { ChatMessage.User("你好") } };
}
