namespace Orchestrator.Integration.Tests.Harness;

/// <summary>Reads the test app's answer to <c>/</c>: <c>{"revision":"r2","deployment":…}</c>.</summary>
internal static class TestAppAnswer
{
    /// <summary>The revision that answered, or <c>?</c> when the body is not the test app's answer.</summary>
    public static string Revision(string body)
    {
        const string key = "\"revision\":\"";
        var start = body.IndexOf(key, StringComparison.Ordinal);
        if (start < 0)
        {
            return "?";
        }

        start += key.Length;
        var end = body.IndexOf('"', start);
        return end < 0 ? "?" : body[start..end];
    }
}
