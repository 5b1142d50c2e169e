using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;

namespace MonitoringCenter.Tests.Accounts;

/// <summary>
/// What an authenticator app shows, computed by the test itself (RFC 6238: HMAC-SHA1, 30-second
/// steps, 6 digits, the key in base32), so the test does not lean on Identity's own internal copy.
/// </summary>
internal static class Totp
{
    public static string Code(string base32Key, DateTimeOffset at)
    {
        var counter = new byte[8];
        BinaryPrimitives.WriteInt64BigEndian(counter, at.ToUnixTimeSeconds() / 30);
#pragma warning disable CA5350 // RFC 6238 as authenticator apps compute it: HMAC-SHA1 is the algorithm, not our choice.
        var hash = HMACSHA1.HashData(FromBase32(base32Key), counter);
#pragma warning restore CA5350
        var offset = hash[^1] & 0x0f;
        var binary = BinaryPrimitives.ReadInt32BigEndian(hash.AsSpan(offset, 4)) & 0x7fffffff;
        return (binary % 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
    }

    /// <summary>A six-digit code that is none of those valid around now (Identity accepts a few steps either side).</summary>
    public static string Wrong(string base32Key, DateTimeOffset at)
    {
        var valid = Enumerable.Range(-3, 7).Select(step => Code(base32Key, at.AddSeconds(30 * step))).ToHashSet(StringComparer.Ordinal);
        var candidate = int.Parse(Code(base32Key, at), CultureInfo.InvariantCulture);
        string text;
        do
        {
            candidate = (candidate + 1) % 1_000_000;
            text = candidate.ToString("D6", CultureInfo.InvariantCulture);
        }
        while (valid.Contains(text));
        return text;
    }

    private static byte[] FromBase32(string text)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bits = 0;
        var value = 0;
        var bytes = new List<byte>();
        foreach (var c in text.ToUpperInvariant().Where(c => c is not ' ' and not '='))
        {
            value = (value << 5) | alphabet.IndexOf(c, StringComparison.Ordinal);
            bits += 5;
            if (bits >= 8)
            {
                bytes.Add((byte)(value >> (bits - 8)));
                bits -= 8;
            }
        }
        return [.. bytes];
    }
}
