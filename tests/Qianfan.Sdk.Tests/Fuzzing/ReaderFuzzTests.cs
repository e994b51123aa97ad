using System.Text;
using Qianfan.Sdk.Errors;

namespace Qianfan.Sdk.Tests.Fuzzing;

/// <summary>
/// The V1 and V2 readers, sync and streamed, fed thousands of generated and mutated bodies through the whole client
/// pipeline: split into reads of any size, truncated at every offset, with bytes flipped, invalid UTF-8 put in,
/// members of the wrong type, and error envelopes of every shape. Whatever comes in, only documented exception types
/// come out, nothing hangs, a cut body never reads as a complete reply, and the text of a valid body comes out exactly.
/// Seeded (QIANFAN_FUZZ_SEED) and sized (QIANFAN_FUZZ_SCALE) by the environment; docs/fuzzing.md tells how to run more.
/// </summary>
[Trait("Category", "Fuzz")]
public sealed class ReaderFuzzTests
{
    private static readonly ReaderKind[] Kinds = [ReaderKind.V1Sync, ReaderKind.V1Stream, ReaderKind.V2Sync, ReaderKind.V2Stream];

    [Fact]
    public async Task ValidBodies_SplitIntoReadsOfAnySize_ReadExactly()
    {
        using var reader = new FuzzReader();
        foreach (var kind in Kinds)
        {
            var random = Random(kind, 1);
            var generator = new BodyGenerator(random);
            var mutator = new Mutator(random);
            for (var i = 0; i < 150 * FuzzSettings.Scale; i++)
            {
                var body = generator.Next(kind);
                var reads = i % 3 == 0 ? [int.MaxValue] : mutator.Reads(i % 3 == 1 ? 3 : 64);
                var context = Describe(kind, 1, i, body.Bytes);

                var outcome = await reader.ReadAsync(kind, body.Bytes, reads, context);

                Assert.True(outcome.Succeeded, $"{context}: {outcome.Error}");
                Assert.True(body.Text == outcome.Text, $"{context}: text '{outcome.Text}' instead of '{body.Text}'");
                Assert.True(outcome.Deltas is null || body.Text == outcome.Deltas, $"{context}: the chunks' text '{outcome.Deltas}' instead of '{body.Text}'");
                if (body.IsV2)
                {
                    Assert.True(body.Reasoning == outcome.Reasoning, $"{context}: reasoning '{outcome.Reasoning}' instead of '{body.Reasoning}'");
                    Assert.True(body.Arguments == outcome.Arguments, $"{context}: arguments '{outcome.Arguments}' instead of '{body.Arguments}'");
                }
            }
        }
    }

    [Fact]
    public async Task CutBodies_NeverReadAsAReply_AtAnyOffset()
    {
        using var reader = new FuzzReader();
        foreach (var kind in Kinds)
        {
            var random = Random(kind, 2);
            var generator = new BodyGenerator(random);
            // Every offset of a few bodies, then one random offset of many more.
            for (var i = 0; i < 102 * FuzzSettings.Scale; i++)
            {
                var body = generator.Next(kind);
                var offsets = i < 2 * FuzzSettings.Scale ? Enumerable.Range(0, body.Bytes.Length) : [random.Next(body.Bytes.Length)];
                foreach (var offset in offsets)
                {
                    var cut = body.Bytes[..offset];
                    var context = Describe(kind, 2, i, cut) + $" (cut at {offset} of {body.Bytes.Length}, whole at {body.CompleteAt})";

                    var outcome = await reader.ReadAsync(kind, cut, [1 + (offset % 7), int.MaxValue], context);

                    AssertDocumented(outcome, context);
                    if (offset < body.CompleteAt)
                    {
                        Assert.False(outcome.Succeeded, $"{context}: a cut body read as a reply: '{outcome.Text}'");
                        if (body.IsStream && outcome.Error is not QianfanStreamEndedException)
                        {
                            Assert.True(outcome.Error is QianfanException, $"{context}: {outcome.Error}");
                        }
                    }
                    else if (outcome.Succeeded)
                    {
                        Assert.True(body.Text == outcome.Text, $"{context}: text '{outcome.Text}' instead of '{body.Text}'");
                    }
                }
            }
        }
    }

    [Fact]
    public async Task BrokenBodies_ThrowOnlyDocumentedExceptions_AndNeverInventText()
    {
        using var reader = new FuzzReader();
        foreach (var kind in Kinds)
        {
            var random = Random(kind, 3);
            var generator = new BodyGenerator(random);
            var mutator = new Mutator(random);
            for (var i = 0; i < 300 * FuzzSettings.Scale; i++)
            {
                var body = generator.Next(kind);
                var (how, broken) = (i % 3) switch
                {
                    0 => ("flipped", mutator.FlipBytes(body.Bytes)),
                    1 => ("invalid UTF-8", mutator.InsertInvalidUtf8(body.Bytes)),
                    _ => ("wrong type", mutator.WrongType(body.Bytes)),
                };
                var context = Describe(kind, 3, i, broken) + $" ({how})";

                var outcome = await reader.ReadAsync(kind, broken, mutator.Reads(), context);

                AssertDocumented(outcome, context);
                if (outcome.Succeeded && how == "invalid UTF-8")
                {
                    Assert.False(outcome.Text!.Contains('\uFFFD', StringComparison.Ordinal), $"{context}: invalid UTF-8 became replacement characters");
                }
            }
        }
    }

    [Fact]
    public async Task OddErrorEnvelopes_AreErrorsWithTheirCode_InABodyOrAnEventAnywhereInAStream()
    {
        using var reader = new FuzzReader();
        foreach (var kind in Kinds)
        {
            var random = Random(kind, 4);
            var generator = new BodyGenerator(random);
            var envelopes = new OddErrorEnvelopes(random);
            var mutator = new Mutator(random);
            for (var i = 0; i < 150 * FuzzSettings.Scale; i++)
            {
                var (envelope, code) = envelopes.Next();
                var bytes = Encoding.UTF8.GetBytes(envelope);
                var asEvent = kind is ReaderKind.V1Stream or ReaderKind.V2Stream && i % 2 == 0;
                if (asEvent)
                {
                    // The error as an event, after some of a valid stream's events.
                    var valid = Encoding.UTF8.GetString(generator.Next(kind).Bytes);
                    var events = valid.Split("\n\n").ToList();
                    var at = random.Next(Math.Max(1, events.Count - 2));
                    events.Insert(at, "data: " + envelope);
                    bytes = Encoding.UTF8.GetBytes(string.Join("\n\n", events));
                }

                var context = Describe(kind, 4, i, bytes);

                var outcome = await reader.ReadAsync(kind, bytes, mutator.Reads(), context, asJson: !asEvent);

                Assert.True(outcome.Error is QianfanException, $"{context}: {(outcome.Succeeded ? $"read as a reply: '{outcome.Text}'" : outcome.Error!.ToString())}");
                var error = (QianfanException)outcome.Error!;
                Assert.False(error is QianfanStreamEndedException, $"{context}: the error was taken for a cut stream");
                if (code is { } expected && error is not QianfanAuthenticationException)
                {
                    Assert.True(error.ErrorCode == expected, $"{context}: code {error.ErrorCode} instead of {expected}");
                }
            }
        }
    }

    private static void AssertDocumented(ReaderOutcome outcome, string context)
    {
        if (outcome.Error is { } error)
        {
            Assert.True(FuzzReader.IsDocumented(error), $"{context}: an undocumented {error.GetType().FullName} escaped: {error}");
        }
    }

    /// <summary>Each test and reader gets its own stream of cases from the one seed.</summary>
    private static Random Random(ReaderKind kind, int test) => new(unchecked((FuzzSettings.Seed * 31) + ((int)kind * 7919) + (test * 104729)) & int.MaxValue);

    /// <summary>What a failure prints: how to repeat the run, and the body (escaped, shortened).</summary>
    private static string Describe(ReaderKind kind, int test, int index, byte[] body)
    {
        var text = Encoding.UTF8.GetString(body).Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
        return $"{kind} case {index} of test {test} (QIANFAN_FUZZ_SEED={FuzzSettings.Seed}) body «{(text.Length > 600 ? text[..600] + "…" : text)}»";
    }
}
