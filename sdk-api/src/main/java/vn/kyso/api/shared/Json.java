package vn.kyso.api.shared;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A bounded JSON reader and writer over Jackson's streaming API: objects become maps, arrays lists,
 * numbers {@code Long} or {@code Double}; nesting is limited, duplicate keys are refused.
 */
public final class Json {
  private static final int MAX_DEPTH = 32;
  private static final JsonFactory FACTORY =
      JsonFactory.builder()
          .streamReadConstraints(
              StreamReadConstraints.builder()
                  .maxNestingDepth(MAX_DEPTH)
                  .maxStringLength(8 * 1024 * 1024)
                  .maxNumberLength(64)
                  .build())
          .build();

  private Json() {}

  /**
   * Reads a JSON object.
   *
   * @param body the bytes
   * @return the object
   * @throws IOException when the bytes are not one JSON object
   */
  public static Map<String, Object> object(byte[] body) throws IOException {
    try (JsonParser p = FACTORY.createParser(body)) {
      p.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new IOException("not a JSON object");
      }
      Map<String, Object> out = readObject(p);
      if (p.nextToken() != null) {
        throw new IOException("text after the JSON object");
      }
      return out;
    }
  }

  private static Map<String, Object> readObject(JsonParser p) throws IOException {
    Map<String, Object> m = new LinkedHashMap<>();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      p.nextToken();
      m.put(name, value(p));
    }
    return m;
  }

  private static Object value(JsonParser p) throws IOException {
    JsonToken t = p.currentToken();
    if (t == null) {
      throw new IOException("the JSON ends early");
    }
    return switch (t) {
      case START_OBJECT -> readObject(p);
      case START_ARRAY -> {
        List<Object> l = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
          if (p.currentToken() == null) {
            throw new IOException("the JSON ends early");
          }
          l.add(value(p));
        }
        yield l;
      }
      case VALUE_STRING -> p.getText();
      case VALUE_NUMBER_INT -> p.getLongValue();
      case VALUE_NUMBER_FLOAT -> p.getDoubleValue();
      case VALUE_TRUE -> Boolean.TRUE;
      case VALUE_FALSE -> Boolean.FALSE;
      case VALUE_NULL -> null;
      default -> throw new IOException("unexpected JSON token " + t);
    };
  }

  /**
   * Writes a map of strings, numbers, booleans, lists and maps as JSON.
   *
   * @param value the map
   * @return the bytes
   */
  public static byte[] write(Map<String, ?> value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      write(g, value);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return out.toByteArray();
  }

  private static void write(JsonGenerator g, Object v) throws IOException {
    if (v == null) {
      g.writeNull();
    } else if (v instanceof Map<?, ?> m) {
      g.writeStartObject();
      for (Map.Entry<?, ?> e : m.entrySet()) {
        g.writeFieldName(String.valueOf(e.getKey()));
        write(g, e.getValue());
      }
      g.writeEndObject();
    } else if (v instanceof List<?> l) {
      g.writeStartArray();
      for (Object x : l) {
        write(g, x);
      }
      g.writeEndArray();
    } else if (v instanceof Boolean b) {
      g.writeBoolean(b);
    } else if (v instanceof Integer i) {
      g.writeNumber(i);
    } else if (v instanceof Long l) {
      g.writeNumber(l);
    } else {
      g.writeString(String.valueOf(v));
    }
  }

  /** A text member, when present and a string or number. */
  public static Optional<String> text(Map<String, Object> m, String key) {
    Object v = m.get(key);
    return v instanceof String || v instanceof Number
        ? Optional.of(String.valueOf(v))
        : Optional.empty();
  }

  /** A list member, empty when absent or not a list. */
  public static List<Object> list(Map<String, Object> m, String key) {
    return m.get(key) instanceof List<?> l ? new ArrayList<>(l) : List.of();
  }

  /** An object member, empty when absent or not an object. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> object(Map<String, Object> m, String key) {
    return m.get(key) instanceof Map<?, ?> o ? (Map<String, Object>) o : Map.of();
  }
}
