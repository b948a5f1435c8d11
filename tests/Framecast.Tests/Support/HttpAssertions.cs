using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Framecast.Tests.Support;

public static class HttpAssertions
{
    /// <summary>Asserts a problem+json answer with this status and stable code, and returns its body.</summary>
    public static async Task<JsonElement> ShouldBeProblemAsync(this HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(status, text);
        response.Content.Headers.ContentType?.MediaType.Should().Be("application/problem+json", text);
        var body = JsonDocument.Parse(text).RootElement;
        body.GetProperty("code").GetString().Should().Be(code, text);
        body.GetProperty("status").GetInt32().Should().Be((int)status);
        body.TryGetProperty("title", out _).Should().BeTrue();
        return body;
    }

    public static async Task<JsonElement> ShouldBeJsonAsync(this HttpResponseMessage response, HttpStatusCode status = HttpStatusCode.OK)
    {
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(status, text);
        return JsonDocument.Parse(text).RootElement;
    }
}
