using EOffice.Web.Services;

namespace EOffice.Web.Tests.Components;

public sealed class ReturnUrlTests
{
    [Theory]
    [InlineData("//evil", "/")]
    [InlineData("//evil.example/path", "/")]
    [InlineData("http://x", "/")]
    [InlineData("https://evil.example/", "/")]
    [InlineData("/\\evil", "/")]
    [InlineData("javascript:alert(1)", "/")]
    [InlineData("", "/")]
    [InlineData(null, "/")]
    [InlineData("surat/masuk", "/")]
    [InlineData("/surat/masuk", "/surat/masuk")]
    [InlineData("/surat/masuk?belum=true", "/surat/masuk?belum=true")]
    public void Only_local_paths_are_kept(string? input, string expected) => Assert.Equal(expected, ReturnUrl.Sanitize(input));

    [Fact]
    public void The_sign_in_page_carries_the_way_back_escaped() =>
        Assert.Equal("/masuk?kembali=%2Fsurat%2Fmasuk%3Fq%3Da%26b", ReturnUrl.LoginFor("/surat/masuk?q=a&b"));

    [Fact]
    public void The_home_page_needs_no_way_back() => Assert.Equal("/masuk", ReturnUrl.LoginFor("/"));
}
