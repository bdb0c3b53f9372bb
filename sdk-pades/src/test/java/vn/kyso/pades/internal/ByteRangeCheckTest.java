package vn.kyso.pades.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The count of a signature dictionary's keys behind the duplicate-key (wrapping) check. */
class ByteRangeCheckTest {
  @Test
  void aKeyCountsOnlyAsAWholeName() {
    String dict = "<< /Type /Sig /ContentsX (a) /Contents <00> /ByteRange [0 1 2 3] >>";

    assertThat(ByteRangeCheck.occurrences(dict, "/Contents")).isEqualTo(1);
    assertThat(ByteRangeCheck.occurrences(dict, "/ByteRange")).isEqualTo(1);
    assertThat(ByteRangeCheck.occurrences(dict, "/SubFilter")).isZero();
  }

  @Test
  void aRepeatedKeyIsCounted_wheverItStands() {
    String dict = "<</Contents<00>/ByteRange[0 1 2 3]/Contents(x)/ByteRange";

    assertThat(ByteRangeCheck.occurrences(dict, "/Contents")).isEqualTo(2);
    assertThat(ByteRangeCheck.occurrences(dict, "/ByteRange")).isEqualTo(2);
  }

  @Test
  void aNameFollowedByDigitsOrLettersIsAnotherName() {
    assertThat(ByteRangeCheck.occurrences("/Contents1 /Contentsz /Contents#20", "/Contents"))
        .isEqualTo(1);
  }
}
