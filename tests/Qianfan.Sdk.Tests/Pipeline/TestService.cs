using System.Collections.Concurrent;
using Qianfan.Sdk.Tests.TestSupport;

namespace Qianfan.Sdk.Tests.Pipeline;

/// <summary>
/// The test API's server, as an HTTP handler: records every request (method, URL, headers, body), answers with what
/// the test sets, and lets a test wait until a given number of requests has arrived. The responder gets the
/// request's cancellation token, so an answer that never comes ends when the SDK gives up on it. Like
/// SocketsHttpHandler, it refuses a request whose token is already cancelled before anything is sent.
/// </summary>
internal sealed class TestService : HttpMessageHandler
{
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly Lock _gate = new();
    private readonly List<(int Count, TaskCompletionSource Reached)> _waiters = [];
    private int _calls;

    /// <summary>Answers the n-th (1-based) request; by default a result saying <c>reply {n}</c>.</summary>
    public Func<RecordedRequest, int, CancellationToken, Task<HttpResponseMessage>> Responder { get; set; } =
        (_, n, _) => Task.FromResult(TestReplies.Result($"reply {n}"));

    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    /// <summary>Sets a fixed answer for every request.</summary>
    public void Respond(Func<HttpResponseMessage> response) => Responder = (_, _, _) => Task.FromResult(response());

    /// <summary>Sets the answers in turn (the last one repeats).</summary>
    public void RespondInTurn(params Func<HttpResponseMessage>[] responses) =>
        Responder = (_, n, _) => Task.FromResult(responses[Math.Min(n, responses.Length) - 1]());

    /// <summary>Completes once <paramref name="count"/> requests have arrived in all.</summary>
    public Task WaitForRequestsAsync(int count)
    {
        lock (_gate)
        {
            if (_requests.Count >= count)
            {
                return Task.CompletedTask;
            }

            var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((count, reached));
            return reached.Task.OrHang();
        }
    }

    /// <summary>A responder that answers only when the request is cancelled, by throwing.</summary>
    public static async Task<HttpResponseMessage> NeverAnswers(RecordedRequest request, int n, CancellationToken cancellationToken)
    {
        await Task.Delay(Timeout.Infinite, cancellationToken);
        throw new InvalidOperationException("unreachable");
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var n = Interlocked.Increment(ref _calls);
        var recorded = await RecordedRequest.CaptureAsync(request);
        lock (_gate)
        {
            _requests.Enqueue(recorded);
            foreach (var waiter in _waiters.Where(w => w.Count <= _requests.Count).ToList())
            {
                _waiters.Remove(waiter);
                waiter.Reached.TrySetResult();
            }
        }

        var response = await Responder(recorded, n, cancellationToken);
        response.RequestMessage = request;
        return response;
    }
}
