package city.gridcity.identity;

/** What a successful sign-in or refresh returns. Lifetimes are in seconds. */
public record TokenPair(String accessToken, String refreshToken, String tokenType, long expiresIn,
                        long refreshExpiresIn) {
}
