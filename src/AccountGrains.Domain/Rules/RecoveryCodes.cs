using System.Security.Cryptography;
using System.Text;

namespace AccountGrains.Domain;

/// <summary>One-time recovery codes: made from the random source, stored only as HMAC-SHA256 keyed with a per-attempt salt, compared in constant time.</summary>
internal static class RecoveryCodes
{
    public const int SaltBytes = 16;

    public static string NewCode(IRandomSource random, int digits)
    {
        Span<char> code = stackalloc char[digits];
        for (var i = 0; i < digits; i++)
        {
            code[i] = (char)('0' + random.NextInt(10));
        }

        return new string(code);
    }

    public static string NewAttemptId(IRandomSource random)
    {
        Span<byte> id = stackalloc byte[16];
        random.Fill(id);
        return Convert.ToHexStringLower(id);
    }

    public static byte[] NewSalt(IRandomSource random)
    {
        var salt = new byte[SaltBytes];
        random.Fill(salt);
        return salt;
    }

    public static byte[] Hash(string code, byte[] salt) => HMACSHA256.HashData(salt, Encoding.UTF8.GetBytes(code));

    public static bool Matches(string code, byte[] salt, byte[] expectedHash)
    {
        Span<byte> actual = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(salt, Encoding.UTF8.GetBytes(code), actual);
        return CryptographicOperations.FixedTimeEquals(actual, expectedHash);
    }
}
