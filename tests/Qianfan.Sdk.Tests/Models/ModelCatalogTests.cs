using Qianfan.Sdk.Models;

namespace Qianfan.Sdk.Tests.Models;

/// <summary>The model catalog and custom endpoints: names, endpoints and the limits the validator applies.</summary>
public sealed class ModelCatalogTests
{
    [Fact]
    public void Catalog_HasFiftyModelsEachWithADistinctEndpoint()
    {
        var all = ModelCatalog.All;

        Assert.Equal(50, all.Count);
        Assert.Equal(50, all.Select(m => m.Endpoint).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(50, all.Select(m => m.Name).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.All(all, m =>
        {
            ModelSpec.ValidateEndpoint(m.Endpoint);
            Assert.True(ModelCatalog.TryGet(m.Name, out var found));
            Assert.Same(m, found);
            Assert.Same(m, ModelCatalog.Resolve(m.Name.ToUpperInvariant()));
            Assert.NotNull(m.MaxInputCharacters);
            Assert.NotNull(m.SupportedParameters);
            Assert.True(m.Supports("stream"));
        });
    }

    [Theory]
    [InlineData("ERNIE-Speed-8K", 24_000, 6_144)]
    [InlineData("ERNIE-Lite-8K", 11_200, 7_168)]
    [InlineData("ERNIE-4.0-8K", 20_000, 5_120)]
    public void Catalog_StatesTheSeedLimits(string model, int characters, int tokens)
    {
        var spec = ModelCatalog.Resolve(model);

        Assert.Equal(characters, spec.MaxInputCharacters);
        Assert.Equal(tokens, spec.MaxInputTokens);
    }

    [Fact]
    public void EveryCatalogNameAndEndpoint_IsNeverTakenForATypoOfAnother()
    {
        Assert.All(ModelCatalog.All, m =>
        {
            Assert.Null(ModelCatalog.TypoOf(m.Name));
            Assert.Null(ModelCatalog.TypoOf(m.Endpoint));
            Assert.Null(ModelCatalog.TypoOf(m.Name.ToUpperInvariant()));
        });
    }

    [Theory]
    [InlineData("ERNIE-Sped-8K", "ERNIE-Speed-8K")]
    [InlineData("ERNIE_Speed_8K", "ERNIE-Speed-8K")]
    [InlineData("ERNIE-4.5-8K", null)]
    [InlineData("ERNIE-3.5-16K", null)]
    [InlineData("my-own-model", null)]
    public void TypoOf_FindsTheNameMeant_ButNeverAcrossVersions(string name, string? meant) =>
        Assert.Equal(meant, ModelCatalog.TypoOf(name));

    [Fact]
    public void Catalog_UnknownNameIsNotFoundButResolvesToItsLowerCasedEndpoint()
    {
        Assert.False(ModelCatalog.TryGet("No-Such-Model", out _));

        var spec = ModelCatalog.Resolve("No-Such-Model");

        Assert.Equal("no-such-model", spec.Endpoint);
        Assert.Null(spec.SupportedParameters);
        Assert.Null(spec.MaxInputCharacters);
        Assert.True(spec.Supports("top_k"));
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("a/b")]
    [InlineData("a b")]
    [InlineData("a?b")]
    public void CustomEndpoint_MustBeASinglePathSegment(string endpoint) =>
        Assert.ThrowsAny<ArgumentException>(() => ModelSpec.ForCustomEndpoint(endpoint));

    [Fact]
    public void CustomEndpoint_CharacterLimitMustBePositive() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ModelSpec.ForCustomEndpoint("dolly", 0));
}
