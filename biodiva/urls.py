app_name = "biodiva"

urlpatterns: list = []
