using System.Globalization;

namespace Qianfan.Sdk.Redis.LoadApp;

/// <summary>Stamps each request with when this process handed it to the network (<c>X-Test-Sent</c>, UTC ticks), so a failing window can be told apart from delivery delay.</summary>
internal sealed class SentAtHandler : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.TryAddWithoutValidation("X-Test-Sent", DateTimeOffset.UtcNow.UtcTicks.ToString(CultureInfo.InvariantCulture));
        return base.SendAsync(request, cancellationToken);
    }
}
