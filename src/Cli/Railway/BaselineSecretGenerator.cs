using System.Buffers.Text;
using System.Security.Cryptography;

namespace Orchestrator.Cli.Railway;

/// <summary>New secrets for the baseline: random and URL-safe, so a Redis password fits in <c>REDIS_URL</c> as it is.</summary>
internal static class BaselineSecretGenerator
{
    private const int Bytes = 32;

    public static string RedisPassword() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(Bytes));
}
