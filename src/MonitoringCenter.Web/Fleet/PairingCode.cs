using System.Security.Cryptography;
using System.Text;

namespace MonitoringCenter.Web.Fleet;

/// <summary>
/// The short code a screen shows for pairing: six characters from an alphabet without look-alikes
/// (no 0/O, 1/I/L, 2/Z, 5/S, 8/B), about 28 bits, read from across a room and typed by an Admin.
/// Only its SHA-256 is stored; it lives minutes, is used once, and wrong entries are limited.
/// </summary>
public static class PairingCode
{
    public const string Alphabet = "ACDEFGHJKMNPQRTUVWXY34679";

    public const int Length = 6;

    public static string New()
    {
        Span<char> code = stackalloc char[Length];
        for (var i = 0; i < Length; i++)
        {
            code[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        }
        return new string(code);
    }

    /// <summary>What an Admin typed, as the code would be shown: upper case, spaces and dashes dropped; null when it cannot be a code.</summary>
    public static string? Normalize(string? typed)
    {
        if (typed is null)
        {
            return null;
        }
        var builder = new StringBuilder(Length);
        foreach (var c in typed)
        {
            if (c is ' ' or '-')
            {
                continue;
            }
            var upper = char.ToUpperInvariant(c);
            if (!Alphabet.Contains(upper, StringComparison.Ordinal))
            {
                return null;
            }
            builder.Append(upper);
        }
        return builder.Length == Length ? builder.ToString() : null;
    }

    /// <summary>Shown in two groups of three, easier to read aloud.</summary>
    public static string Display(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        return code.Length == Length ? $"{code[..3]} {code[3..]}" : code;
    }

    public static byte[] Hash(string code) => SHA256.HashData(Encoding.UTF8.GetBytes(code));
}
