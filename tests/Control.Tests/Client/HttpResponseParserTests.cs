using System.Buffers;
using System.Text;
using Orchestrator.Control.Client.Http;
using Xunit;

namespace Orchestrator.Control.Tests.Client;

public sealed class HttpResponseParserTests
{
    private const string ChunkedAnswer =
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
        + "5\r\n{\"a\":\r\n7;ext=1\r\n\"hello\"\r\n1\r\n}\r\n0\r\nX-Trailer: t\r\n\r\n";

    [Fact]
    public void Chunked_FedWhole_DecodesTheBody()
    {
        var (parser, body) = Parse(ChunkedAnswer);

        Assert.True(parser.Complete);
        Assert.Equal(200, parser.StatusCode);
        Assert.Equal("OK", parser.ReasonPhrase);
        Assert.Equal("{\"a\":\"hello\"}", body);
    }

    [Fact]
    public void Chunked_SplitAtEveryByte_DecodesTheSameBody()
    {
        var bytes = Encoding.ASCII.GetBytes(ChunkedAnswer);
        for (var split = 1; split < bytes.Length; split++)
        {
            var parser = new HttpResponseParser();
            var body = new ArrayBufferWriter<byte>();
            parser.Feed(bytes.AsSpan(0, split), body);
            parser.Feed(bytes.AsSpan(split), body);
            Assert.True(parser.Complete, $"split at {split}");
            Assert.Equal("{\"a\":\"hello\"}", Encoding.UTF8.GetString(body.WrittenSpan));
        }
    }

    [Fact]
    public void ContentLength_StopsAtTheLength_IgnoringWhatFollows()
    {
        var (parser, body) = Parse("HTTP/1.1 404 Not Found\r\ncontent-length: 4\r\n\r\nbodyEXTRA");

        Assert.True(parser.Complete);
        Assert.Equal(404, parser.StatusCode);
        Assert.Equal("body", body);
    }

    [Fact]
    public void NeitherLengthNorChunked_BodyRunsUntilClose()
    {
        var (parser, body) = Parse("HTTP/1.1 200 OK\r\n\r\nall of it");
        Assert.False(parser.Complete);

        parser.EndOfInput();

        Assert.True(parser.Complete);
        Assert.Equal("all of it", body);
    }

    [Fact]
    public void InterimContinue_IsSkipped()
    {
        var (parser, body) = Parse("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 201 Created\r\nContent-Length: 2\r\n\r\nok");

        Assert.Equal(201, parser.StatusCode);
        Assert.Equal("ok", body);
    }

    [Theory]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc", "the connection closed after 3 of the 10 body bytes")]
    [InlineData("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\na\r\nabc", "the connection closed in the middle of the chunked body, after 3 bytes")]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Le", "the connection closed in the middle of the response headers")]
    [InlineData("", "the connection closed before any answer")]
    public void Truncated_EndOfInput_SaysWhereItBrokeOff(string received, string expected)
    {
        var (parser, _) = Parse(received);

        var ex = Assert.Throws<ControlConnectionException>(parser.EndOfInput);
        Assert.Equal(expected, ex.Message);
    }

    [Theory]
    [InlineData("SSH-2.0-OpenSSH_9.2\r\n", "the answer is not an HTTP/1.1 response: 'SSH-2.0-OpenSSH_9.2'")]
    [InlineData("HTTP/1.1 200 OK\r\nno colon here\r\n", "malformed response header 'no colon here'")]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: -1\r\n", "malformed Content-Length '-1'")]
    [InlineData("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", "malformed chunk size 'zz' in the response body")]
    [InlineData("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabc\r\n", "a chunk of the response body is longer than its size line says")]
    public void Malformed_Throws_NamingWhatIsWrong(string received, string expected)
    {
        var ex = Assert.Throws<ControlConnectionException>(() => Parse(received));
        Assert.Equal(expected, ex.Message);
    }

    [Fact]
    public void EndlessHead_IsRefusedAtTheLimit()
    {
        var head = "HTTP/1.1 200 OK\r\n" + string.Concat(Enumerable.Repeat("X-Filler: 0123456789abcdef\r\n", 3000));

        var ex = Assert.Throws<ControlConnectionException>(() => Parse(head));
        Assert.Equal($"the response head is longer than {HttpResponseParser.MaxHeadBytes} bytes", ex.Message);
    }

    private static (HttpResponseParser Parser, string Body) Parse(string received)
    {
        var parser = new HttpResponseParser();
        var body = new ArrayBufferWriter<byte>();
        parser.Feed(Encoding.ASCII.GetBytes(received), body);
        return (parser, Encoding.UTF8.GetString(body.WrittenSpan));
    }
}
