namespace Qianfan.Sdk.Core;

/// <summary>
/// The account's quota as one answer reported it (Qianfan's <c>X-Ratelimit-*</c> headers): its per-minute limits and
/// what is left of them; null where the answer said nothing. The client-side limits learn from it.
/// </summary>
/// <param name="RequestsPerMinute">The account's requests per minute.</param>
/// <param name="TokensPerMinute">The account's tokens per minute.</param>
/// <param name="RemainingRequests">Requests the account may still send in the service's current minute.</param>
/// <param name="RemainingTokens">Tokens the account may still spend in the service's current minute.</param>
internal readonly record struct QuotaReport(int? RequestsPerMinute, int? TokensPerMinute, int? RemainingRequests, int? RemainingTokens)
{
    /// <summary>Whether the answer carried none of the values.</summary>
    public bool IsEmpty => RequestsPerMinute is null && TokensPerMinute is null && RemainingRequests is null && RemainingTokens is null;

    /// <summary>
    /// The limit a report allows a client that has <paramref name="counted"/> requests (or tokens) in its own last
    /// minute: the account's <paramref name="limit"/>, and no more than its count plus what the account has
    /// <paramref name="remaining"/> (so what other clients of the account spent counts too); at least 1, so one request
    /// can always ask again. Null when the report says nothing.
    /// </summary>
    public static int? Learned(int? limit, int? remaining, long counted)
    {
        long? learned = limit is > 0 ? limit : null;
        if (remaining is >= 0 and var left)
        {
            var room = counted + left;
            learned = learned is { } l ? Math.Min(l, room) : room;
        }

        return learned is { } value ? (int)Math.Clamp(value, 1, int.MaxValue) : null;
    }
}
